"""The office dashboard: target progress, the city's AQI calendar and the ranking of areas."""
