"""lantian (蓝天): the platform of a city's air-pollution prevention office."""

__version__ = "0.1.0"
