"""The contact sheet command writes an HTML page (and optionally a PNG)."""

from pawchain.render.contact_sheet import main
from pawchain.render.sample_genomes import random_genomes


def test_random_genomes_are_valid_and_seeded():
    genomes = random_genomes(50, seed=11)
    assert genomes == random_genomes(50, seed=11)
    for genes in genomes:
        assert genes < 1 << 160
        assert all((genes >> (5 * k)) & 31 != 31 for k in range(32))


def test_sheet_command_writes_html_with_every_pet(tmp_path):
    out = tmp_path / "sheet.html"
    main(["--count", "12", "--out", str(out)])
    page = out.read_text()
    assert page.count("<figure>") == 12 + 8 * 31
