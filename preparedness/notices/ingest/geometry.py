"""Small geometry on (lat, lon): point in polygon, distance on a sphere."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0


def point_in_polygon(point, polygon):
    """Whether (lat, lon) lies inside a polygon of (lat, lon) vertices (ray casting)."""
    lat, lon = point
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(polygon, polygon[1:] + polygon[:1]):
        if (lat1 > lat) != (lat2 > lat):
            crossing = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < crossing:
                inside = not inside
    return inside


def distance_km(a, b):
    """Great-circle distance between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(radians, (a[0], a[1], b[0], b[1]))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


def centroid(points):
    """The mean of (lat, lon) points (good enough for shapes a few tens of km across)."""
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
