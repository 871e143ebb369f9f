"""A seeded mutation corpus of forms, sheets, drafts, values, keymaps and profiles.

``mutations(kind, seed, count)`` derives hostile variants of real inputs (the seed forms and sheet, a draft,
a keymap, a profile) with a seeded random generator, so a run is reproducible from its seed. The committed
corpus under fixtures/fuzz/ is ``python -m tests.fuzz.corpus`` (seed 9, COMMITTED files per kind).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
CORPUS = ROOT / "fixtures" / "fuzz"
KINDS = ("forms", "sheets", "drafts", "values", "keymaps", "profiles")
SUFFIX = {
    "forms": ".toml",
    "sheets": ".tsv",
    "drafts": ".draft.toml",
    "values": ".txt",
    "keymaps": ".toml",
    "profiles": ".toml",
}
COMMITTED = 16
MAX_LENGTH = 30_000  # the size bounds are tested by their own tests; the corpus stays small

HOSTILE = [
    "\x1b]0;owned\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\u202e",
    "\u2066",
    "\x00",
    "\x7f",
    "\r",
    "\r\n",
    "\x1bP+q\x1b\\",
    "9" * 40,
    "1e999999999",
    "-0",
    "nan",
    "inf",
    "0.00000000000000001",
    "100000000000000",
    "99999999999999.99999999999",
    "[[[[[[[[[[[[[[[[[[[[",
    "{a={a={a={a={a={a=1}}}}}}",
    '"""',
    "'''",
    "\\",
    "\ufeff",
    "\ud7ff",
    "万亿万亿",
    "/dev/zero",
    "/dev/stdin",
    "../../../../etc/passwd",
    "a" * 300,
    "≥≤≥≤",
    "以内以上",
    "%%%%",
    "120%",
    "0",
    "*",
]
VALUES = [
    "90%",
    "75%",
    "≥90%",
    "≤10%",
    "13%",
    "满意",
    "基本满意",
    "100",
    "0",
    "2023年12月",
    "72小时之内",
    "94.8万份",
    "20",
    "10",
    "360000",
    "40万",
    "1.5亿",
    "",
    " ",
    "*",
]


def _seed_texts(kind: str) -> list[str]:
    forms = sorted(SEED.glob("*.toml"))
    if kind == "forms":
        return [path.read_text(encoding="utf-8") for path in forms[:8]]
    if kind == "sheets":
        text = (SEED / "sheet-2020-shenzhen.tsv").read_text(encoding="utf-8")
        return [text[:6000], text[:20000]]
    if kind == "drafts":
        form = forms[0].read_text(encoding="utf-8")
        meta = (
            '\n[draft]\nversion = 1\nid = "x"\norigin = "new"\ncreated = "2026-01-01T00:00:00+00:00"\n'
            'updated = "2026-01-01T00:00:00+00:00"\ncurrent_label = "项目名称"\nanswered = 3\n'
            'target = "/tmp/x.toml"\n[draft.state]\ncurrent = "header.department"\n'
        )
        return [form + meta]
    if kind == "keymaps":
        return ['[keys]\n"interview.jump" = "ctrl+t"\n"interview.back" = ["shift+tab", "ctrl+b"]\n"app.quit" = "x"\n']
    if kind == "profiles":
        return [
            'name = "my-city"\nscore_decimals = 1\nbudget_weight = 20\n[bands]\npartial = [0.5, 0.8]\n',
            'reverse_convention = "ratio"\nround_rate = false\n[grades]\n"优" = 85\n',
        ]
    raise ValueError(kind)


def _mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(9)
        at = rng.randrange(len(text) + 1)
        if choice == 0:  # a hostile string anywhere
            text = text[:at] + rng.choice(HOSTILE) + text[at:]
        elif choice == 1:  # a number replaced by an extreme one
            numbers = list(re.finditer(r"\d+(\.\d+)?", text))
            if numbers:
                match = rng.choice(numbers)
                text = text[: match.start()] + rng.choice(HOSTILE[10:17]) + text[match.end() :]
        elif choice == 2:  # a span deleted
            end = min(len(text), at + rng.randint(1, 200))
            text = text[:at] + text[end:]
        elif choice == 3:  # a span repeated
            end = min(len(text), at + rng.randint(1, 400))
            text = text[:end] + text[at:end] * rng.randint(2, 50) + text[end:]
        elif choice == 4:  # truncated
            text = text[:at]
        elif choice == 5:  # a string value replaced by a hostile one
            strings = list(re.finditer(r'"[^"\n]*"', text))
            if strings:
                match = rng.choice(strings)
                text = text[: match.start()] + '"' + rng.choice(HOSTILE).replace('"', "") + '"' + text[match.end() :]
        elif choice == 6:  # deep nesting or a long dotted key
            text = (
                text[:at]
                + rng.choice(
                    [
                        "x = " + "[" * 3000 + "]" * 3000 + "\n",
                        "a" + ".a" * rng.randint(10, 3000) + " = 1\n",
                        "[" + "t." * rng.randint(10, 200) + "t]\n",
                    ]
                )
                + text[at:]
            )
        elif choice == 7:  # characters swapped for controls
            chars = list(text)
            for _ in range(rng.randint(1, 10)):
                if chars:
                    chars[rng.randrange(len(chars))] = chr(rng.choice([0, 7, 8, 13, 27, 127, 133, 155, 0x202E]))
            text = "".join(chars)
        elif choice == 8 and rng.random() < 0.5:  # a tab or a newline inserted (sheets: cells shift)
            text = text[:at] + rng.choice(["\t", "\n", "\t\t\t", "\n\n"]) + text[at:]
    return text[:MAX_LENGTH]


def mutations(kind: str, seed: int, count: int) -> list[str]:
    """``count`` mutated inputs of ``kind``, the same for the same seed."""
    rng = random.Random(f"{kind}:{seed}")
    if kind == "values":
        return [
            "\t".join(_mutate(rng.choice(VALUES), rng) if rng.random() < 0.7 else rng.choice(VALUES) for _ in range(3))
            for _ in range(count)
        ]
    seeds = _seed_texts(kind)
    return [_mutate(rng.choice(seeds), rng) for _ in range(count)]


def corpus_files(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).glob(f"*{SUFFIX[kind]}"))


def write_corpus(seed: int = 9, count: int = COMMITTED) -> None:
    for kind in KINDS:
        folder = CORPUS / kind
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*"):
            old.unlink()
        for number, text in enumerate(mutations(kind, seed, count), start=1):
            (folder / f"{number:03d}{SUFFIX[kind]}").write_bytes(text.encode("utf-8", errors="surrogatepass"))


if __name__ == "__main__":
    write_corpus()
