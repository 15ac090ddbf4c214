"""`python -m pawchain`: the same as the `pawchain` command."""

import sys

from pawchain.cli.main import main

sys.exit(main())
