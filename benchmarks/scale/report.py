#!/usr/bin/env python3
"""Turns the raw key/value file of benchmarks/scale/run.sh into the markdown report (stdout)."""
import statistics
import sys

raw_path, rivers, seed, duration, connections, rounds, machine, versions = sys.argv[1:9]
values = {}
for line in open(raw_path, encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) >= 2 and parts[0]:
        values[parts[0]] = parts[1]


def num(key):
    try:
        return float(values[key])
    except (KeyError, ValueError):
        return None


def rounds_of(key):
    """Median over the rounds key_1, key_2, …"""
    found = [num(f"{key}_{r}") for r in range(1, 20) if num(f"{key}_{r}") is not None]
    return statistics.median(found) if found else None


def fmt(v, digits=1):
    if v is None:
        return "—"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:,.{digits}f}"


rows = []


def row(what, ours, theirs, ratio, target, ok, note=""):
    rows.append((what, ours, theirs, ratio, target, ok, note))


def verdict(ratio, at_least=None, below=None):
    if ratio is None:
        return "n/a"
    if at_least is not None:
        return "**pass**" if ratio >= at_least else "**miss**"
    return "**pass**" if ratio < below else "**miss**"


def compare(prefix, title):
    """The side-by-side rows for one dataset prefix (synthetic, us, wdbii)."""
    rps, tps = rounds_of(f"{prefix}_routing_ours_rps"), rounds_of(f"{prefix}_routing_knn_tps")
    if rps is not None:
        r = rps / tps if tps else None
        row(f"{title}: routing over HTTP (/api/responsible, random points) vs PostGIS KNN (pgbench)",
            f"{fmt(rps)} req/s", f"{fmt(tps)} tx/s", f"{fmt(r, 2)}×", "≥ 2×", verdict(r, at_least=2),
            f"p99 {fmt(rounds_of(prefix + '_routing_ours_p99_ms'), 2)} ms vs mean {fmt(rounds_of(prefix + '_routing_knn_latency_ms'), 2)} ms; "
            f"404s (outside every area) {values.get(prefix + '_routing_ours_non2xx_1', '—')}")
    for level in ("township", "county"):
        ours, theirs = num(f"{prefix}_coverage_{level}_ours_first_s"), num(f"{prefix}_coverage_{level}_postgis_s")
        if ours is None:
            continue
        r = theirs / ours if ours and theirs else None
        row(f"{title}: whole-network coverage gaps ({level}), first request (stretches uncached, JIT warm) vs PostGIS SQL",
            f"{fmt(ours, 2)} s", f"{fmt(theirs, 1)} s", f"{fmt(r, 1)}× faster", "≥ 5×", verdict(r, at_least=5),
            f"ours gaps (pieces km) {values.get(f'{prefix}_coverage_{level}_ours_gaps', '—')}, "
            f"PostGIS {values.get(f'{prefix}_coverage_{level}_postgis_gaps', '—')}")
        repeat = num(f"{prefix}_coverage_{level}_ours_repeat_s")
        r2 = theirs / repeat if repeat and theirs else None
        row(f"{title}: same, repeated request (caches warm)", f"{fmt(repeat, 2)} s", f"{fmt(theirs, 1)} s",
            f"{fmt(r2, 1)}× faster", "≥ 5×", verdict(r2, at_least=5),
            f"response {fmt((num(f'{prefix}_coverage_{level}_response_bytes') or 0) / 1e6, 1)} MB")
    pages, agg = rounds_of(f"{prefix}_pages_ours_rps"), rounds_of(f"{prefix}_pages_postgis_tps")
    if pages is not None:
        r = pages / agg if agg else None
        row(f"{title}: GeoJSON pages of 1000 segments over HTTP vs PostGIS json_agg (pgbench)",
            f"{fmt(pages, 1)} pages/s", f"{fmt(agg, 1)} pages/s", f"{fmt(r, 2)}×", "≥ 0.8×", verdict(r, at_least=0.8),
            f"page {fmt((num(prefix + '_page_bytes_ours') or 0) / 1e3)} kB vs {fmt((num(prefix + '_page_bytes_postgis') or 0) / 1e3)} kB")
    for lim in (1000, 100):
        ours, ms, agg = (rounds_of(f"{prefix}_bbox{lim}_{side}") for side in ("ours_rps", "mapserver_rps", "jsonagg_tps"))
        if ours is None:
            continue
        p99, ms99 = rounds_of(f"{prefix}_bbox{lim}_ours_p99_ms"), rounds_of(f"{prefix}_bbox{lim}_mapserver_p99_ms")
        r = ours / agg if agg else None
        row(f"{title}: GeoJSON bbox pages (random 0.2° boxes, ~{values.get(prefix + '_bbox_features_per_box', '?')} segments), limit={lim}, vs PostGIS json_agg (pgbench)",
            f"{fmt(ours, 1)} pages/s", f"{fmt(agg, 1)} pages/s", f"{fmt(r, 2)}×", "≥ 0.9×", verdict(r, at_least=0.9),
            f"MapServer 8 OAPIF (FastCGI, 8 processes) {fmt(ms, 1)} pages/s = {fmt(ours / ms if ms else None, 2)}× ours; "
            f"p99 ours {fmt(p99, 1)} ms vs MapServer {fmt(ms99, 1)} ms")
        row(f"{title}: same, p99 latency vs MapServer", f"{fmt(p99, 1)} ms", f"MapServer {fmt(ms99, 1)} ms",
            f"{fmt(p99 / ms99 if p99 and ms99 else None, 2)}×", "≤ MapServer", verdict(p99 / ms99 if p99 and ms99 else None, below=1.0000001),
            f"p50 ours {fmt(rounds_of(prefix + f'_bbox{lim}_ours_p50_ms'), 1)} ms, MapServer {fmt(rounds_of(prefix + f'_bbox{lim}_mapserver_p50_ms'), 1)} ms; "
            f"non-2xx ours {values.get(f'{prefix}_bbox{lim}_ours_non2xx_1', '—')}, MapServer {values.get(f'{prefix}_bbox{lim}_mapserver_non2xx_1', '—')}")
    for k in (2000, 10000, 20000):
        secs = num(f"{prefix}_demarcation_{k}_http_s")
        if secs is None:
            continue
        before, peak, after = (num(f"{prefix}_demarcation_{k}_rss_{w}_mb") for w in ("before", "peak", "after"))
        growth = peak - before if peak is not None and before is not None else None
        row(f"{title}: demarcation check over HTTP, {k} proposed segments (first {k} of the province's segments)",
            f"{fmt(secs, 1)} s, +{fmt(growth, 0)} MiB", "—", "—", "< 10 s, < 1 GB" if k == 20000 else "",
            ("**pass**" if secs < 10 and growth is not None and growth < 1024 else "**miss**") if k == 20000 else "info",
            f"service RSS {fmt(before, 0)} → peak {fmt(peak, 0)} → {fmt(after, 0)} MiB 5 s after; problems, errors: {values.get(f'{prefix}_demarcation_{k}_problems', '—')}; "
            f"in process {fmt(num(f'{prefix}_inproc_demarcation_{k}_ms'), 0)} ms, peak heap +{fmt(num(f'{prefix}_inproc_demarcation_{k}_peak_heap_growth_mb'), 0)} MiB, "
            f"held after {fmt(num(f'{prefix}_inproc_demarcation_{k}_held_after_mb'), 1)} MiB")
    ours, ogr, ogrc = num(f"{prefix}_import_ours_s"), num(f"{prefix}_import_ogr2ogr_s"), num(f"{prefix}_import_ogr2ogr_constrained_s")
    if ours is not None:
        r = ogr / ours if ours and ogr else None
        row(f"{title}: import (validate + load) vs ogr2ogr into plain tables", f"{fmt(ours, 1)} s", f"{fmt(ogr, 1)} s",
            f"{fmt(r, 2)}×", "≥ 1×", verdict(r, at_least=1), "ratio = ogr2ogr time / our time")
        r = ogrc / ours if ours and ogrc else None
        row(f"{title}: import vs ogr2ogr + INSERT into our constrained schema", f"{fmt(ours, 1)} s", f"{fmt(ogrc, 1)} s",
            f"{fmt(r, 2)}×", "≥ 1×", verdict(r, at_least=1), "same CHECK (ST_IsValid/ST_IsSimple), FK and GiST as ours")
    b = num(f"{prefix}_mem_index_bytes_per_segment")
    if b is not None:
        row(f"{title}: routing index memory per segment (GC.GetTotalMemory)", f"{fmt(b)} B", "—", "—", "< 1024 B",
            verdict(b, below=1024), f"first build incl. alignment cache {fmt(num(prefix + '_mem_first_build_bytes_per_segment'))} B; "
            f"estimate {fmt(num(prefix + '_mem_estimate_bytes_per_segment'))} B")


def tiles(prefix, title):
    count, page = num(f"{prefix}_segments_count"), num(f"{prefix}_page_bytes_ours")
    geojson_mb = count * page / 1000 / 1e6 if count and page else None
    for z in (6, 8, 10):
        kb = num(f"{prefix}_tiles_segments_z{z}_total_kb")
        if kb is None:
            continue
        ratio = geojson_mb * 1e6 / (kb * 1024) if geojson_mb else None
        row(f"{title}: whole province's segments at zoom {z}: vector tiles vs GeoJSON (all features)",
            f"{fmt(num(f'{prefix}_tiles_segments_z{z}_count'), 0)} tiles, {fmt(kb / 1024, 1)} MiB",
            f"{fmt(geojson_mb, 0)} MB GeoJSON", f"{fmt(ratio, 0)}× fewer bytes", "responsive map", "info",
            f"{fmt(num(f'{prefix}_tiles_segments_z{z}_ms_per_tile'), 0)} ms/tile serial, largest {fmt(num(f'{prefix}_tiles_segments_z{z}_largest_kb'), 0)} KiB")


compare("synthetic", f"N={rivers}")
tiles("synthetic", f"N={rivers}")
compare("us", "US (NE rivers × states/counties)")
compare("wdbii", "World WDBII segments")

print(f"# RiverGis vs PostGIS — side-by-side run, N = {rivers} (seed {seed})\n")
print(f"- date (UTC): {values.get('date')}; load average at start {values.get('load_start')}, at end {values.get('load_end')}")
print(f"- machine: {machine}")
print(f"- software: {versions}")
print(f"- synthetic province: {values.get('generated')} ({values.get('dataset_mb')} MiB of GeoJSON/CSV, generated in {values.get('generate_s')} s)")
print(f"- load: wrk and pgbench each {duration} s × {rounds} round(s), {connections} connections, threads = cores; medians of the rounds")
print("- one throwaway PostgreSQL cluster for both sides (fsync off, shared_buffers 1GB, loopback); ours = `serve` on the same cluster\n")
print("| measure | ours | PostGIS / ogr2ogr | ratio | target | result | notes |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")

print("\n## In-process timings (stopwatch, one process, same machine)\n")
print("| dataset | quantity | value |")
print("|---|---|---|")
for key, value in values.items():
    for prefix, label in (("synthetic_inproc_", f"N={rivers}"), ("us_inproc_", "US"), ("wdbii_inproc_", "WDBII")):
        if key.startswith(prefix):
            unit = ""
            for line in open(raw_path, encoding="utf-8"):
                parts = line.rstrip("\n").split("\t")
                if parts[0] == key and len(parts) > 2:
                    unit = parts[2]
            print(f"| {label} | {key[len(prefix):]} | {value} {unit} |")

print("\n## Other measurements\n")
print("| key | value | unit |")
print("|---|---|---|")
for line in open(raw_path, encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) >= 2 and "_inproc_" not in parts[0]:
        print(f"| {parts[0]} | {parts[1]} | {parts[2] if len(parts) > 2 else ''} |")
