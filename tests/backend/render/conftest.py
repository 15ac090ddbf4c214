import sys
from pathlib import Path

# Let the tests import their helpers module without a package __init__.
sys.path.insert(0, str(Path(__file__).parent))
