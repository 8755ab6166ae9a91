"""asylum-pathways: the asylum routes reported in 2017, as a cited rule graph."""

__version__ = "0.1.0"
