"""asylum-pathways: the asylum routes reported in 2017, as a cited rule graph."""

import os

__version__ = "0.1.0"

# pydantic plugins (validation observers, such as tracing services) are never loaded: this
# tool reports nothing anywhere, and looking them up among the installed packages costs
# start-up time. Set PYDANTIC_DISABLE_PLUGINS yourself to change it.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
