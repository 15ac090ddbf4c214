"""`python -m pawchain.chain [--check]`: copy the deployed contracts' ABIs from brownie's build."""

import sys

from pawchain.chain.abis import main

sys.exit(main())
