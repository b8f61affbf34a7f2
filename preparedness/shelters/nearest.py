"""The nearest shelters to a point: rings of growing boxes over the R*Tree, bounded in rows read."""

import math

EARTH_RADIUS_M = 6371000


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def box_radius_m(lat, span, lon_span):
    """How far from (lat, any lon) every point outside the box lat±span, lon±lon_span lies at least.

    A point beyond a parallel is at least the latitude difference away; one beyond the box's side
    meridian is on the far side of that meridian's great circle, at least asin(cos(lat)·sin(dlon)).
    """
    by_lat = EARTH_RADIUS_M * math.radians(span)
    if lon_span >= 90:
        return by_lat
    reach = math.cos(math.radians(lat)) * math.sin(math.radians(lon_span))
    return min(by_lat, EARTH_RADIUS_M * math.asin(min(1.0, reach)))


# Nearest search: rings of growing boxes over the R*Tree (each row read once), bounded in rows.
START_SPAN = 0.005          # half-height of the first box in degrees of latitude (~550 m)
RING_ROWS = 256             # a ring holding more rows than this is split into a thinner one
MAX_ROWS = 4096             # rows read per search at most; past it the answer is the best so far
MAX_STEPS = 64
# Float32 rounding of R*Tree coordinates (< 1e-5 degrees), in metres, allowed for in every bound.
SLACK_M = 2.0


def nearest_shelters(db, lat, lon, n=5, open_only=False):
    """The n shelters closest to a point, each with distance_m, nearest first."""
    return nearest_search(db, lat, lon, n, open_only)[0]


def nearest_search(db, lat, lon, n=5, open_only=False):
    """(shelters, rows read): rings of boxes grow until the n-th nearest lies inside the last box."""
    stretch = 1 / max(math.cos(math.radians(lat)), 0.01)
    ranked, rows, read, found = [], {}, 0, []
    inner, span, ceiling = 0.0, START_SPAN, 180.0
    for _ in range(MAX_STEPS):
        room = MAX_ROWS - read
        thin = span - inner <= 1e-6
        bound = found[-1]["distance_m"] + SLACK_M if len(found) == n else None
        # Until n are found a ring only has to show where the shelters start: a small probe.
        limit = room if thin else min(RING_ROWS if bound else max(4 * n, 32), room)
        ring = ring_rows(db, lat, lon, inner, span, stretch, limit + 1, empty_inside=not ranked,
                         bound=bound)
        read += len(ring)
        if len(ring) > limit and not thin:
            # Too dense for one step: a thinner ring, as thin as the rows just seen allow.
            ceiling = span
            span = _thinner(lat, lon, inner, span, stretch, ranked, ring, n, open_only)
            continue
        ranked = sorted(ranked + [(distance_m(lat, lon, a, b), i) for i, a, b in ring[:limit]])
        found = _qualifying(db, ranked, rows, lat, lon, n, open_only)
        if len(ring) > limit or read >= MAX_ROWS or span >= 180:
            return found, read      # everything, or all the rows one search may read
        if len(found) == n and \
                found[-1]["distance_m"] + SLACK_M <= box_radius_m(lat, span, span * stretch):
            return found, read
        grown = _next_span(lat, inner, span, stretch, found, len(ring), len(ranked), n)
        if span >= ceiling:
            ceiling = 180.0
        elif grown >= ceiling:
            # Past a span already seen to be too dense: go to it when the n found need that much,
            # else halve the way to it.
            grown = ceiling if len(found) == n else (span + ceiling) / 2
        inner, span = span, grown
    return _qualifying(db, ranked, rows, lat, lon, n, open_only), read


def ring_rows(db, lat, lon, inner, outer, stretch, limit, empty_inside=False, bound=None):
    """[(id, lat, lon)] of R*Tree points in the box of half-height `outer` but not in `inner`'s,
    leaving out parts of it farther than `bound` metres (when n candidates already lie within it).

    Points are placed by their stored min_lat/min_lon; the four strips around the inner box meet it
    with strict bounds, so no point is read twice.
    """
    w_in, w_out = min(inner * stretch, 360), (360 if outer >= 180 else min(outer * stretch, 360))
    whole_lon = [lon - w_out, ">=", lon + w_out, "<="]
    if inner == 0 or empty_inside:
        # Nothing lies in the inner box: one query over the whole box is the same ring.
        strips = [([lat - outer, ">=", lat + outer, "<="], whole_lon, 0.0)]
    else:
        inner_lat = [lat - inner, ">=", lat + inner, "<="]
        strips = [([lat + inner, ">", lat + outer, "<="], list(whole_lon), inner),
                  ([lat - outer, ">=", lat - inner, "<"], list(whole_lon), inner),
                  (list(inner_lat), [lon - w_out, ">=", lon - w_in, "<"], -w_in),
                  (list(inner_lat), [lon + w_in, ">", lon + w_out, "<="], -w_in)]
    found = []
    for lats, lons, gap in strips:
        if bound is not None and not _clip(lat, lon, lats, lons, gap, bound):
            continue    # the whole strip is farther than n candidates already found
        found += db.execute(
            f"SELECT id, min_lat, min_lon FROM shelters_rtree WHERE min_lat {lats[1]} ? AND "
            f"min_lat {lats[3]} ? AND min_lon {lons[1]} ? AND min_lon {lons[3]} ? LIMIT ?",
            (lats[0], lats[2], lons[0], lons[2], limit - len(found))).fetchall()
        if len(found) >= limit:
            break
    return found


def _clip(lat, lon, lats, lons, gap, bound):
    """Narrow a strip to where a point may lie within `bound` metres; False if nowhere.

    gap >= 0: the strip is at least `gap` degrees of latitude away, so clip its longitudes;
    gap < 0: it is at least -gap degrees of longitude away, so clip its latitudes (haversine bounds).
    """
    hav = math.sin(min(bound / EARTH_RADIUS_M, math.pi) / 2) ** 2
    far_lat = min(90.0, max(abs(lats[0]), abs(lats[2])))
    cosines = math.cos(math.radians(lat)) * math.cos(math.radians(far_lat))
    if gap >= 0:
        reach = math.degrees(min(bound / EARTH_RADIUS_M, math.pi))
        lats[0], lats[2] = max(lats[0], lat - reach), min(lats[2], lat + reach)
        room = hav - math.sin(math.radians(gap) / 2) ** 2
        if room <= 0:
            return False
        if cosines > 0 and room < cosines:
            reach = math.degrees(2 * math.asin(math.sqrt(room / cosines)))
            lons[0], lons[2] = max(lons[0], lon - reach), min(lons[2], lon + reach)
        return lons[0] <= lons[2] and lats[0] <= lats[2]
    room = hav - cosines * math.sin(math.radians(min(-gap, 180)) / 2) ** 2
    if room <= 0:
        return False
    if room < 1:
        reach = math.degrees(2 * math.asin(math.sqrt(room)))
        lats[0], lats[2] = max(lats[0], lat - reach), min(lats[2], lat + reach)
    return lats[0] <= lats[2]


def _next_span(lat, inner, span, stretch, found, ring, ranked, n):
    """The next box: big enough for the n-th found; else sized by the density the last ring showed."""
    if len(found) == n:
        return max(_span_for(lat, found[-1]["distance_m"], stretch), span + 1e-6)
    if not ring or not found:
        # Nothing new: double the step (not the span), so a ring thinned at dense data stays thin.
        return min(span + 2 * (span - inner), span * 2, 180)
    # Rows per square degree in the last ring, and how many more rows should hold the missing ones.
    density = ring / (_box_area(span, stretch) - _box_area(inner, stretch))
    wanted = min(RING_ROWS / 2, 2 * (n - len(found)) * ranked / len(found))
    area = _box_area(span, stretch) + wanted / density
    return min(max(math.sqrt(area / (4 * stretch)), span + 1e-5), span * 2, 180)


def _thinner(lat, lon, inner, span, stretch, ranked, ring, n, open_only):
    """A smaller outer span after a ring held too many rows: a quarter of the step, or less when
    n of the rows read (those kept and the part of the ring seen) already lie closer than that."""
    outer = inner + (span - inner) / 4
    if open_only:
        return outer    # rows not yet checked for status prove nothing
    seen = sorted([d for d, _ in ranked] + [distance_m(lat, lon, a, b) for _, a, b in ring])
    if len(seen) >= n:
        bound = _span_for(lat, seen[n - 1], stretch)
        outer = min(outer, max(bound, inner + (span - inner) / 64))
    return outer


def _span_for(lat, distance, stretch):
    """The smallest half-height of a box whose every outside point is farther than `distance`."""
    span = (distance + SLACK_M) / (EARTH_RADIUS_M * math.pi / 180)
    while span < 180 and box_radius_m(lat, span, span * stretch) < distance + SLACK_M:
        span *= 1.01
    return min(span, 180)


def _box_area(span, stretch):
    """Square degrees of the box of half-height `span`."""
    return 4 * span * min(span * stretch, 360)


def _qualifying(db, ranked, rows, lat, lon, n, open_only):
    """The n nearest of the ranked candidates that qualify, with exact distances; `rows` caches rows."""
    found, position = [], 0
    while position < len(ranked):
        # Candidates within rounding of the n-th found so far may still beat it.
        if len(found) >= n and ranked[position][0] > found[n - 1]["distance_m"] + SLACK_M:
            break
        chunk = [i for _, i in ranked[position:position + max(n, 16)]]
        missing = [i for i in chunk if i not in rows]
        if missing:
            marks = ", ".join("?" for _ in missing)
            for row in db.execute(f"SELECT * FROM shelters WHERE id IN ({marks})", missing):
                rows[row["id"]] = dict(row, distance_m=distance_m(lat, lon, row["lat"], row["lon"]))
        found += [rows[i] for i in chunk if i in rows and
                  (not open_only or rows[i]["status"] in ("open", "unknown"))]
        found.sort(key=lambda s: (s["distance_m"], s["id"]))
        position += len(chunk)
    return found[:n]
