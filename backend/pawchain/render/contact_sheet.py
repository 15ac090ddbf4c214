"""Many pets side by side, to judge variety at a glance.

    python -m pawchain.render.contact_sheet --count 100 --out artifacts/contact-sheet.html \
        [--png artifacts/contact-sheet.png] [--seed 7]

The sheet holds `count` seeded random pets, then, for each trait, one row walking that
trait through all 31 drawable variants while the other traits stay put.
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path

from .names import TRAIT_NAMES, VARIANT_NAMES
from .pet import render_svg
from .png import svg_to_png
from .sample_genomes import random_genomes, trait_walk
from .traits import pet_rarity, pet_traits

# The pet the walks start from: a plain-coloured tabby kitten, so each change stands out.
WALK_BASE = (0, 2, 0, 1, 1, 4, 11, 0)
WALK_BASES = {
    0: (0, 2, 0, 1, 1, 10, 0, 1),
    5: (0, 2, 0, 1, 1, 0, 0, 0),
}  # walks that need a contrast


def walk_rows() -> list[tuple[str, list[int]]]:
    return [
        (name, trait_walk(trait, WALK_BASES.get(trait, WALK_BASE)))
        for trait, name in enumerate(TRAIT_NAMES)
    ]


def _card(genes: int, caption: str) -> str:
    return f"<figure>{render_svg(genes, size=140)}<figcaption>{html.escape(caption)}</figcaption></figure>"


def sheet_html(count: int, seed: int) -> str:
    pets = random_genomes(count, seed)
    sections = [f"<h2>{count} random pets (seed {seed})</h2><div class=grid>"]
    for genes in pets:
        traits = pet_traits(genes)
        caption = f"{pet_rarity(genes)} · {traits[0].label} · {traits[1].label}"
        sections.append(_card(genes, caption))
    sections.append("</div>")
    for trait, (name, walk) in enumerate(walk_rows()):
        sections.append(f"<h2>{html.escape(name)}: variants 0–30</h2><div class=grid>")
        sections.extend(
            _card(genes, f"{v} {VARIANT_NAMES[trait][v]}") for v, genes in enumerate(walk)
        )
        sections.append("</div>")
    style = (
        "body{font:13px system-ui,sans-serif;background:#faf7f2;margin:24px}"
        ".grid{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0;width:140px;text-align:center}"
        "figcaption{font-size:11px;color:#555;height:2.6em;overflow:hidden}"
    )
    return f"<!doctype html><meta charset=utf-8><title>Pawchain contact sheet</title><style>{style}</style>{''.join(sections)}"


def sheet_svg(count: int, seed: int, columns: int = 16, cell: int = 128) -> str:
    """The same sheet as one SVG (random pets, then two rows per trait walk), for a PNG."""
    rows: list[tuple[str, list[int]]] = [
        (f"{count} random pets (seed {seed})", random_genomes(count, seed))
    ]
    rows += [(f"{name}: 0-30", walk) for name, walk in walk_rows()]
    parts, y = [], 0
    for title, genomes in rows:
        parts.append(
            f'<text x="8" y="{y + 22}" font-family="DejaVu Sans, sans-serif" font-size="18" fill="#333">{html.escape(title)}</text>'
        )
        y += 32
        for k, genes in enumerate(genomes):
            svg = render_svg(genes, size=cell)
            inner = svg[svg.index(">") + 1 : -len("</svg>")]
            x, row_y = (k % columns) * cell, y + (k // columns) * cell
            parts.append(
                f'<svg x="{x}" y="{row_y}" width="{cell}" height="{cell}" viewBox="0 0 240 240">{inner}</svg>'
            )
        y += -(-len(genomes) // columns) * cell + 8
    width = columns * cell
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" viewBox="0 0 {width} {y}">'
        f'<rect width="{width}" height="{y}" fill="#faf7f2"/>{"".join(parts)}</svg>'
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("artifacts/contact-sheet.html"))
    parser.add_argument("--png", type=Path, help="also write the sheet as one PNG here")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(sheet_html(args.count, args.seed), encoding="utf-8")
    print(f"wrote {args.out}")
    if args.png:
        args.png.parent.mkdir(parents=True, exist_ok=True)
        args.png.write_bytes(svg_to_png(sheet_svg(args.count, args.seed)))
        print(f"wrote {args.png}")


if __name__ == "__main__":
    main()
