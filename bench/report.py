"""Write the benchmark's tables into docs/performance.md from docs/performance-*.json.

Only the part between the two ``bench`` markers is replaced; the prose around it
(what the figures mean, where targets are missed and why) is kept.
"""

import json
from pathlib import Path

START = "<!-- bench:start (written by bench/report.py; edit the prose outside) -->"
END = "<!-- bench:end -->"

# (label, mode, endpoint names, minimum ratio to the static file)
TARGETS = [
    ("API list (limit 20)", "built", ["API list, limit 20"], 0.035),
    ("API detail", "built", ["API detail"], 0.035),
    ("home page", "built", ["home page"], 0.015),
    ("site search", "built", ["site search"], 0.015),
    ("events list", "built", ["events list"], 0.015),
    ("month calendar", "built", ["month calendar"], 0.015),
    ("training with filters", "built", ["training, two filters"], 0.015),
    ("calendar.ics, built", "built", ["/feeds/calendar.ics"], 0.02),
    ("sitemap, built", "built", ["/sitemap.xml"], 0.02),
    ("calendar.ics, cached", "cached", ["/feeds/calendar.ics"], 0.20),
    ("sitemap, cached", "cached", ["/sitemap.xml"], 0.20),
    ("API 304 revalidation", "cached", ["API list answered 304 (If-None-Match)"], 0.30),
    ("HTML 304 revalidation", "cached", ["content page answered 304 (If-None-Match)"], 0.30),
    ("cached anonymous HTML", "cached", ["home page", "content page"], 0.30),
]
RSS_LIMIT_MB = 130
SLOWDOWN_LIMIT = 1.3


def _row(name, figure):
    return (
        f"| {name} | {figure['status']} | {figure['req_per_s']:,.1f} | "
        f"{figure['ratio_to_static'] * 100:.2f}% | {figure['p50_ms']:.1f} | "
        f"{figure['p95_ms']:.1f} | {figure['p99_ms']:.1f} | {figure.get('sql_queries', '-')} | "
        f"{figure.get('sql_ms', '-')} | {figure['bytes']:,} |"
    )


def _mode_table(result, mode):
    data = result["modes"][mode]
    described = {
        "built": "server-side copies off: every request builds its answer",
        "cached": "server-side copies of anonymous answers on",
    }[mode]
    rss = ", ".join(f"{size:.0f}" for size in data["worker_rss_mb"])
    at_start = ", ".join(f"{size:.0f}" for size in data.get("worker_rss_mb_at_start", []))
    lines = [
        f"**{mode}** ({described}); worker RSS at start: {at_start or '-'} MB, "
        f"after the pass: {rss} MB",
        "",
        "| request | status | req/s | of static | p50 ms | p95 ms | p99 ms "
        "| SQL queries | SQL ms | bytes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [_row(name, figure) for name, figure in data["endpoints"].items()]
    return lines


def _targets(results):
    big = results.get("10000")
    if not big:
        return []
    lines = [
        "| target (10,000 pages) | required | measured | met |",
        "|---|---|---|---|",
    ]
    for label, mode, names, minimum in TARGETS:
        endpoints = big["modes"].get(mode, {}).get("endpoints", {})
        ratios = [endpoints[name]["ratio_to_static"] for name in names if name in endpoints]
        if not ratios:
            continue
        worst = min(ratios)
        lines.append(
            f"| {label} ({mode}) | ≥ {minimum * 100:.1f}% | {worst * 100:.2f}% | "
            f"{'yes' if worst >= minimum else '**no**'} |"
        )
    rss = max(size for data in big["modes"].values() for size in data["worker_rss_mb"])
    lines.append(
        f"| worker RSS after the run | ≤ {RSS_LIMIT_MB} MB | {rss:.0f} MB | "
        f"{'yes' if rss <= RSS_LIMIT_MB else '**no**'} |"
    )
    demo = results.get("demo")
    if demo and "built" in demo["modes"] and "built" in big["modes"]:
        slower = []
        for name, figure in big["modes"]["built"]["endpoints"].items():
            small = demo["modes"]["built"]["endpoints"].get(name)
            if small and figure["req_per_s"] and small["req_per_s"] / figure["req_per_s"] > 1.0:
                slower.append((small["req_per_s"] / figure["req_per_s"], name))
        worst = max(slower) if slower else (1.0, "none")
        lines.append(
            f"| slowest request at 10,000 pages vs demo size (built) | ≤ {SLOWDOWN_LIMIT}× | "
            f"{worst[0]:.2f}× ({worst[1]}) | {'yes' if worst[0] <= SLOWDOWN_LIMIT else '**no**'} |"
        )
    return lines


def write_report(docs: Path):
    results = {}
    for path in sorted(docs.glob("performance-*.json")):
        result = json.loads(path.read_text())
        results[result["network"]] = result
    lines = [START, ""]
    lines += _targets(results)
    for network in ("10000", "demo"):
        result = results.get(network)
        if not result:
            continue
        settings = result["settings"]
        lines += [
            "",
            f"### {'10,000-page network' if network == '10000' else 'Demo network'}: "
            f"{result['pages']:,} pages, {result['restricted_sections']} restricted sections",
            "",
            f"Measured {result['measured_at']}: gunicorn {settings['workers']} sync workers, "
            f"{settings['database']}, Redis cache {'on' if settings['redis'] else 'off'}, "
            f"`wrk {settings['wrk']}`, median of {settings['passes']} pass(es). "
            "SQL figures are per request, counted in-process (median of 3).",
            "",
        ]
        for mode in result["modes"]:
            lines += _mode_table(result, mode) + [""]
    lines.append(END)
    report = docs / "performance.md"
    text = report.read_text() if report.exists() else "# Performance\n\n"
    if START in text and END in text:
        before = text[: text.index(START)]
        after = text[text.index(END) + len(END) :]
        text = before + "\n".join(lines) + after
    else:
        text = text.rstrip() + "\n\n## Results\n\n" + "\n".join(lines) + "\n"
    report.write_text(text)
