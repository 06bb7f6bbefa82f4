"""Organisation: areas (city → district/county → town/street), units and users with roles."""
