"""Numbers written in words, read back as digits: "five five five, zero one four three" → "555 0143".

Pure (no I/O). `digits_from_words(text)` returns the text with every run of number words replaced by the
digits it reads as, and a map from each position of that copy back to the original text, so that a value
found in the copy can be masked in the original (its span then covers the words). It returns None when the
text holds no run worth reading (fewer than three digits' worth of number words, or two where the detector says a
secret or a birth is named): the privacy detector asks only then, so texts without spelled-out numbers cost one set
look-up.

What it reads, the way people dictate numbers (digit by digit, in pairs, or as years):
  units          zero, oh / o (inside a run only), nought, nil, one … nine
  pairs          ten … nineteen, twenty … ninety, "twenty one" / "twenty-one" (21), "nineteen ninety" (1990)
  repeats        "double five" (55), "triple oh" (000)
  hundreds       "five hundred" (500), "eight hundred and twelve" (812), "two thousand and one" (2001)
  ordinals       first … thirty-first ("the twenty-first of october" → "the 21 of october")
  other tongues  the digits 0–9 in German, Spanish, French, Portuguese, Polish, Italian, Dutch and Swedish ("null vier
                 neun", "cinco tres", "nio ett fyra sju");
                 French's and Polish's pairs and Polish's hundreds ("quarante-deux", "soixante-dix-sept",
                 "czterdzieści jeden", "pięćset trzy"); the tens of Spanish and Portuguese with "y" / "e"
                 ("ochenta y ocho", "oitenta e oito") and Italian's with the unit glued on ("novantanove")
  zeros          four "oh"s or more in a row ("my pin was oh oh oh oh")
  mixed          digits beside words: "07700 nine double oh one" → "07700 9001"
  typed letters  O/o for 0 and I/l for 1 inside a number of 7+ characters ("2O2-555-0143" → "202-555-0143")
Words said with only spaces between them are one group ("four one one one" → "4111"); a comma or a full
stop starts a new group (written as a space), a hyphen or slash is kept ("five three six - two two" →
"536-22"), and so is a dash said aloud ("five three six dash two two" → "536-22"); a full stop said aloud
("ponto", "punto", "Punkt") starts a new group.

Written by hand: `text2num`'s alpha2digit (the maintained library for this) rewrites a whole text but gives
no map back to the original words, which masking needs; it leaves "oh", "double" and "triple" as words
and writes digit-by-digit readings with a space between digits ("4 1 1 1"); `word2number` reads one whole
number only. Reading digits one by one is a small table, so it is kept here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "oh": 0, "o": 0, "nought": 0, "naught": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    # German, Spanish, French, Portuguese
    "null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "funf": 5, "fuenf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9,
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9,
    "zéro": 0, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "um": 1, "dois": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8, "nove": 9,
    # Polish
    "jeden": 1, "jedna": 1, "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4, "pięć": 5, "sześć": 6, "siedem": 7,
    "osiem": 8, "dziewięć": 9,
    # Italian, Dutch, Swedish ("nove uno quattro sette", "negen een vier zeven", "nio ett fyra sju")
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8,
    "nul": 0, "een": 1, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9,
    "noll": 0, "ett": 1, "två": 2, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
}
# Words that are also ordinary words elsewhere: digits only inside a run of other number words
_WEAK_UNITS = frozenset({"oh", "o", "un", "um", "null", "nil", "dos", "sept", "six", "seize", "jeden", "jedna", "sto",
                         "due", "sei", "otto", "een", "ett", "sex", "fem", "nul"})
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19,
          # French (dix-sept … dix-neuf are "dix" and a unit: read in _compound)
          "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
          # Swedish ("nitton åttiofyra", 1984)
          "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17,
          "arton": 18, "nitton": 19,
          # Polish
          "dziesięć": 10, "jedenaście": 11, "dwanaście": 12, "trzynaście": 13, "czternaście": 14, "piętnaście": 15,
          "szesnaście": 16, "siedemnaście": 17, "osiemnaście": 18, "dziewiętnaście": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90,
         # French (soixante-dix is 70, quatre-vingt(s) 80: read in _compound)
         "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
         # Polish
         "dwadzieścia": 20, "trzydzieści": 30, "czterdzieści": 40, "pięćdziesiąt": 50, "sześćdziesiąt": 60,
         "siedemdziesiąt": 70, "osiemdziesiąt": 80, "dziewięćdziesiąt": 90,
         # Spanish and Portuguese ("ochenta y ocho", "oitenta e oito": the unit after "y" / "e", read in _pieces)
         "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
         "noventa": 90, "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "oitenta": 80,
         # Italian (its units glue on: "novantanove", "ventuno", read by _GLUED_COMPOUND)
         "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70, "ottanta": 80,
         "novanta": 90,
         # Swedish (its units glue on too: "sjuttiotre", read by _GLUED_COMPOUND)
         "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90}
# Italian's tens with their unit glued on, the tens' last vowel dropped before "uno" and "otto": "novantanove" (99),
# "ventuno" (21), "trentotto" (38)
_ITALIAN_TENS = {"vent": 20, "trent": 30, "quarant": 40, "cinquant": 50, "sessant": 60, "settant": 70, "ottant": 80,
                 "novant": 90}
_ITALIAN_UNITS = {"uno": 1, "due": 2, "tre": 3, "tré": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8,
                  "nove": 9}
_ITALIAN_COMPOUND = {f"{tens}{'' if unit[0] in 'uo' else ('i' if tens == 'vent' else 'a')}{unit}": value + digit
                     for tens, value in _ITALIAN_TENS.items() for unit, digit in _ITALIAN_UNITS.items()}
# Swedish's tens with their unit glued on: "sjuttiotre" (73), "åttioåtta" (88)
_SWEDISH_TENS = {"tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80,
                 "nittio": 90}
_SWEDISH_UNITS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9}
_GLUED_COMPOUND = {**_ITALIAN_COMPOUND, **{tens + unit: value + digit for tens, value in _SWEDISH_TENS.items()
                                           for unit, digit in _SWEDISH_UNITS.items()}}
# the word joining tens and a unit in Spanish and Portuguese
_TENS_AND = frozenset({"y", "e"})
# Hundreds said as one word (Polish "pięćset" 500): what follows and is smaller adds to it ("pięćset trzy", 503)
_HUNDREDS = {"sto": 100, "dwieście": 200, "trzysta": 300, "czterysta": 400, "pięćset": 500, "sześćset": 600,
             "siedemset": 700, "osiemset": 800, "dziewięćset": 900}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "thirtieth": 30}
_REPEATS = {"double": 2, "triple": 3, "treble": 3}
_SCALES = {"hundred": 100, "thousand": 1000}
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS) | frozenset(_ORDINALS) | \
    frozenset(_REPEATS) | frozenset(_SCALES) | frozenset(_HUNDREDS) | frozenset(_GLUED_COMPOUND)
# Words that make a text worth reading (the detector's cheap gate): the weak units and ordinals alone are not
GATE_WORDS = (NUMBER_WORDS - _WEAK_UNITS - frozenset(_ORDINALS)) | {"twentieth", "thirtieth"}

# Letters typed for digits inside a number ("2O2-555-0143", "O7700 9OO123", "4l11 …"): O/o for 0, I/l for 1, in
# a run of 7+ characters with at least five real digits and never more than two such letters together
_LOOKALIKE_RUN = re.compile(r"(?<![\w])[\dOoIl](?:[\dOoIl]|[ .\-](?=[\dOoIl])){6,}(?![\w])")
_LOOKALIKE = str.maketrans("OoIl", "0011")
# (a digit beside one of those letters; starting with the digit lets the search skip ahead to each digit)
LOOKALIKE_HINT = re.compile(r"\d(?:[OoIl]|(?<=[OoIl]\d))")


def _lookalikes(text: str) -> list[tuple[int, int]]:
    spans = []
    for run in _LOOKALIKE_RUN.finditer(text):
        value = run.group()
        if sum(c.isdigit() for c in value) >= 5 and re.search(r"[OoIl]", value) and \
                not re.search(r"[OoIl]{3}", value):
            spans.append(run.span())
    return spans


def _tree(words: frozenset[str]) -> str:
    """The words as one alternation shaped as a tree of their shared beginnings ("f(?:i(?:ve|fth|…)|our…)"): the
    regex engine reads each letter once at a word instead of trying every word in turn, a quarter of the time. It
    finds what a flat alternation finds: in _TOKEN a word must end where the text's word ends, so at most one of
    them matches at a place, whatever their order."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # (a word ends here)

    def alternation(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + alternation(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
        return f"{body}?" if "" in node else body

    return alternation(tree)


_WORD_ALTERNATION = _tree(NUMBER_WORDS)
_TOKEN = rf"(?:(?:{_WORD_ALTERNATION})(?:-(?:{_WORD_ALTERNATION})){{0,3}}(?![\w'’])|\d+(?![\w]))"
# A run: number words and digit groups, apart by spaces, a comma, a hyphen or dash, a slash, a full stop, "and"
# (kept only after hundred / thousand), or a dash said aloud ("four oh two dash seven one …": read as "-")
# (and Spanish's and Portuguese's "y" / "e" between tens and a unit: read in _pieces; elsewhere a space)
_SEP = (r"(?:[ \t]*(?:,|-|–|—|/|\.|\band\b|\by\b|\be\b|\bdash\b|\bhyphen\b|\bstreck\b|\bbindestrich\b|\btiret\b|"
        r"\bguion\b|\bguión\b|\btrattino\b|\bmyślnik\b|\bstreepje\b|\btraço\b|\btraco\b|"
        r"\bponto\b|\bpunto\b|\bpunkt\b)?[ \t]*)")
# a dash said aloud, in English and the languages above ("åtta sex noll åtta två noll, streck, åtta två ett fyra"); a full
# stop said aloud ("ponto", "punto", "Punkt": "um dois três ponto quatro …", a CPF or a RUT read out) starts a new group
_SPOKEN_DASHES = ("-", "–", "—", "dash", "hyphen", "streck", "bindestrich", "tiret", "guion", "guión", "trattino",
                  "myślnik", "streepje", "traço", "traco")
_RUN = re.compile(rf"(?i)(?<![\w]){_TOKEN}(?:{_SEP}{_TOKEN})*")
_TOKEN_IN_RUN = re.compile(rf"(?i)(?<![^\W\d_]){_TOKEN}")  # (not the end of a word: "ponto" holds no "o")


@dataclass(frozen=True)
class Spelled:
    """The text with number words read as digits, and where each of its characters came from."""

    text: str
    starts: tuple[int, ...]  # starts[i]: where the i-th character of `text` starts in the original
    ends: tuple[int, ...]    # ends[i]: where it ends in the original
    changed: tuple[tuple[int, int], ...]  # spans of `text` that were written in words

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that text[start:end] was read from."""
        return self.starts[start], self.ends[end - 1]

    def touches_words(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds digits that were written in words."""
        return any(start < b and a < end for a, b in self.changed)


@dataclass(frozen=True)
class _Piece:
    digits: str
    start: int  # span in the original text
    end: int
    from_words: bool


_MONTH_BEFORE = re.compile(r"(?i)\b(?:january|february|march|april|may|june|july|august|september|october|"
                           r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+$")


_MONTH_AFTER = re.compile(r"(?i)\s+(?:of\s+|de\s+)?(?:january|february|march|april|may|june|july|august|september|"
                          r"october|november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                          r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
                          r"noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
                          r"janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|januar|februar|"
                          r"märz|juni|juli|oktober|dezember)\b")


def _word_value(word: str) -> tuple[str, int] | None:
    """("unit" | "teen" | "tens" | "ordinal" | "repeat" | "scale", value) of one number word."""
    for kind, table in (("unit", _UNITS), ("teen", _TEENS), ("tens", _TENS), ("ordinal", _ORDINALS),
                        ("repeat", _REPEATS), ("scale", _SCALES), ("hundreds", _HUNDREDS), ("pair", _GLUED_COMPOUND)):
        if word in table:
            return kind, table[word]
    return None


def _compound(kinds: list[tuple[str, int]]) -> int | None:
    """The number a hyphenated compound says, or None: "twenty-one" (tens and a unit), and French's "dix-huit"
    (18), "soixante-douze" (72), "soixante-dix-sept" (77), "quatre-vingt(s)" (80), "quatre-vingt-trois" (83),
    "quatre-vingt-dix-neuf" (99)."""
    if kinds and kinds[0] == ("unit", 4) and len(kinds) >= 2 and kinds[1] == ("tens", 20):
        rest = _compound(kinds[2:]) if len(kinds) > 3 else None
        if len(kinds) == 2:
            return 80
        if rest is not None and 10 <= rest <= 19:
            return 80 + rest
        if len(kinds) == 3 and kinds[2][0] in ("unit", "teen") and 1 <= kinds[2][1] <= 16:
            return 80 + kinds[2][1]
        return None
    if len(kinds) == 2 and kinds[0] == ("teen", 10) and kinds[1][0] == "unit" and 7 <= kinds[1][1] <= 9:
        return 10 + kinds[1][1]
    if kinds[0][0] != "tens":
        return None
    tens = kinds[0][1]
    if len(kinds) == 2 and kinds[1][0] in ("unit", "ordinal") and 1 <= kinds[1][1] <= 9:
        return tens + kinds[1][1]
    if tens == 60 and len(kinds) == 2 and kinds[1][0] == "teen" and kinds[1][1] <= 16:
        return 60 + kinds[1][1]  # "soixante-dix" … "soixante-seize"
    if tens == 60 and len(kinds) == 3 and kinds[1] == ("teen", 10) and kinds[2][0] == "unit" and 7 <= kinds[2][1] <= 9:
        return 70 + kinds[2][1]
    return None


def _read_run(run: re.Match) -> list[tuple[str, int, int, str]]:
    """The run's tokens as (word or digits, start, end, separator before it)."""
    tokens, previous_end = [], run.start()
    for token in _TOKEN_IN_RUN.finditer(run.string, run.start(), run.end()):
        tokens.append((token.group().lower(), token.start(), token.end(), run.string[previous_end:token.start()]))
        previous_end = token.end()
    return tokens


def _pieces(text: str, tokens: list[tuple[str, int, int, str]]) -> list[tuple[_Piece, str]]:
    """Each token read as digits, with the separator before it; hyphenated words ("twenty-one") read whole."""
    out: list[tuple[_Piece, str]] = []
    index = 0
    while index < len(tokens):
        word, start, end, sep = tokens[index]
        index += 1
        if word.isdigit():
            out.append((_Piece(word, start, end, False), sep))
            continue
        parts = word.split("-")
        kinds = [_word_value(p) for p in parts]
        if any(k is None for k in kinds):
            continue
        kind, value = kinds[0]  # type: ignore[misc]
        compound = _compound(kinds) if len(parts) >= 2 else None  # type: ignore[arg-type]
        if compound is not None:  # "twenty-one", "quarante-deux", "dix-huit", "soixante-dix-sept"
            out.append((_Piece(str(compound), start, end, True), sep))
            continue
        if len(parts) > 2:  # "five-five-five": a digit each
            for number, (part_kind, part) in enumerate(kinds):  # type: ignore[misc]
                out.append((_Piece(str(part) if part_kind != "repeat" else "", start, end, True),
                            sep if number == 0 else ""))
            continue
        if len(parts) == 2:
            second_kind, second = kinds[1]  # type: ignore[misc]
            if kind == "tens" and second_kind in ("unit", "ordinal") and 1 <= second <= 9:
                out.append((_Piece(str(value + second), start, end, True), sep))
            else:  # "five-five": two digits
                out.append((_Piece(str(value) if kind != "repeat" else "", start, end, True), sep))
                out.append((_Piece(str(second) if second_kind != "repeat" else "", start, end, True), ""))
            continue
        if kind == "repeat":
            if index < len(tokens) and not tokens[index][3].strip() and \
                    (_word_value(tokens[index][0]) or ("", 0))[0] == "unit":
                following = tokens[index]
                digit = str(_UNITS[following[0]])
                out.append((_Piece(digit * value, start, following[2], True), sep))
                index += 1
            continue  # "double" alone is a word
        if kind == "tens" and index < len(tokens) and tokens[index][3].strip(" \t").lower() in _TENS_AND and \
                (_word_value(tokens[index][0]) or ("", 0))[0] == "unit" and 1 <= _UNITS[tokens[index][0]] <= 9:
            # "ochenta y ocho" (88), "oitenta e oito": tens, "and", a unit
            out.append((_Piece(str(value + _UNITS[tokens[index][0]]), start, tokens[index][2], True), sep))
            index += 1
            continue
        if kind == "tens" and index < len(tokens) and not tokens[index][3].strip():
            following_kind = _word_value(tokens[index][0])
            if following_kind and following_kind[0] in ("unit", "ordinal") and 1 <= following_kind[1] <= 9 and \
                    tokens[index][0] not in _WEAK_UNITS - {"jeden", "jedna"}:
                out.append((_Piece(str(value + following_kind[1]), start, tokens[index][2], True), sep))
                index += 1
                continue
        if kind == "ordinal" and not (re.search(r"(?i)\bthe\s+$", text[max(0, start - 5):start]) or
                                      re.match(r"(?i)\s+of\b", text[end:end + 4]) or
                                      _MONTH_BEFORE.search(text, max(0, start - 11), start)):
            # "first", "second" are ordinary words: an ordinal is a day in "the fifth", "fifth of may", "june eleventh"
            continue
        if kind == "scale":
            out.append((_Piece("*" + str(value), start, end, True), sep))  # applied by _apply_scales
            continue
        if kind == "hundreds":  # "pięćset trzy" (503), "dwieście czterdzieści jeden" (241)
            total, last_end = value, end
            for wanted in (("tens", "teen", "unit"), ("unit",)):
                part = _word_value(tokens[index][0]) if index < len(tokens) and \
                    not tokens[index][3].strip() and "-" not in tokens[index][0] else None
                if part is None or part[0] not in wanted or not 1 <= part[1] <= 90:
                    break
                total += part[1]
                last_end = tokens[index][2]
                index += 1
                if part[0] != "tens":
                    break
            out.append((_Piece(str(total), start, last_end, True), sep))
            continue
        out.append((_Piece(str(value), start, end, True), sep))
    return _apply_scales(out)


def _apply_scales(pieces: list[tuple[_Piece, str]]) -> list[tuple[_Piece, str]]:
    """"five hundred and twelve" → 512, "two thousand and one" → 2001 (the only place where words add up)."""
    out: list[tuple[_Piece, str]] = []
    index = 0
    while index < len(pieces):
        piece, sep = pieces[index]
        index += 1
        if piece.digits.startswith("*"):
            scale = int(piece.digits[1:])
            if not out or not out[-1][0].from_words or not out[-1][0].digits.isdigit() or \
                    int(out[-1][0].digits) >= 100 or out[-1][0].digits.startswith("0"):
                continue  # "hundred" alone ("a hundred times") adds no digit
            before, before_sep = out.pop()
            total = int(before.digits) * scale
            last_end = piece.end
            # what follows and is smaller than the scale adds to it: "hundred [and] twelve"
            while index < len(pieces):
                following, following_sep = pieces[index]
                if not following.from_words or following_sep.strip(" \t") not in ("", "and"):
                    break
                if following.digits.startswith("*"):
                    next_scale = int(following.digits[1:])
                    if next_scale <= scale or total >= next_scale:
                        break
                    total *= next_scale
                    scale = next_scale
                elif following.digits.isdigit() and int(following.digits) < min(scale, 100) and \
                        not following.digits.startswith("0") and total % 100 == 0 and \
                        (following_sep.strip(" \t") == "and" or int(following.digits) >= 10 or
                         index + 1 == len(pieces) or not pieces[index + 1][0].from_words):
                    # "five hundred and five", "five hundred twelve"; but "eight hundred five five five" is
                    # 800 then 555, as a toll-free number is read
                    total += int(following.digits)
                else:
                    break
                last_end = following.end
                index += 1
            out.append((_Piece(str(total), before.start, last_end, True), before_sep))
            continue
        out.append((piece, sep))
    return [(p, s) for p, s in out if p.digits]


def digits_from_words(text: str, min_digits: int = 3) -> Spelled | None:
    """The text with its number words (and letters typed for digits) read as digits, or None when it holds no
    run of number words worth `min_digits` digits or more (a run with digits in it counts from two number words)
    and no number typed with letters for digits. A run of four weak zeros or more ("oh oh oh oh") counts too."""
    keycaps, text = _without_keycaps(text)
    original = text
    typed = _lookalikes(text)
    for start, end in typed:  # same length: positions do not move
        text = text[:start] + text[start:end].translate(_LOOKALIKE) + text[end:]
    runs = []
    for run in _RUN.finditer(text):
        pieces = _pieces(text, _read_run(run))
        spoken = [p for p, _ in pieces if p.from_words]
        if not spoken:
            continue
        # an "oh" or an "un" alone, or beside only other weak words, is a word (four zeros said in a row are a number:
        # "my pin was oh oh oh oh")
        if all(run.string[p.start:p.end].lower() in _WEAK_UNITS for p in spoken) and \
                not (len(spoken) >= 4 and all(p.digits == "0" for p in spoken)):
            continue
        runs.append(pieces)
    worth = any(sum(len(p.digits) for p, _ in pieces if p.from_words) >= min_digits or
                (len([p for p, _ in pieces if p.from_words]) >= 2 and any(not p.from_words for p, _ in pieces))
                for pieces in runs)
    if not worth and not typed and keycaps is None:
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    changed: list[tuple[int, int]] = []
    position = 0

    def copy(upto: int) -> None:
        nonlocal position
        out.append(text[position:upto])
        starts.extend(range(position, upto))
        ends.extend(range(position + 1, upto + 1))
        position = upto

    for pieces in runs:
        if len(pieces) == 1 and pieces[0][0].from_words and len(pieces[0][0].digits) == 1 and \
                text[pieces[0][0].start:pieces[0][0].end].lower() not in _ORDINALS and \
                not _MONTH_AFTER.match(text, pieces[0][0].end):
            continue  # a lone "one" ("one of them") stays a word; a lone ordinal is read ("the fifth of may"), and
            # a day before its month ("né le trois mars …")
        for number, (piece, sep) in enumerate(pieces):
            if number == 0 or not piece.from_words and not pieces[number - 1][0].from_words:
                copy(piece.start)  # the text before the run, or between two digit groups, as it is
            else:
                mark = sep.strip(" \t").lower()
                previous = pieces[number - 1][0]
                # (digits said one by one join up; a day said as an ordinal ends its number: "june eleventh
                # nineteen fifty two" is "june 11 1952")
                joined = "" if not mark and piece.from_words and previous.from_words and \
                    re.split(r"[\s-]", text[previous.start:previous.end].lower())[-1] not in _ORDINALS else \
                    ("-" if mark in _SPOKEN_DASHES else "/" if mark == "/" else " ")
                gap_start = pieces[number - 1][0].end
                out.append(joined)
                starts.extend([gap_start] * len(joined))
                ends.extend([piece.start] * len(joined))
                position = piece.start
            if piece.from_words:
                begin = len(starts)
                out.append(piece.digits)
                # every digit maps back to the whole words it was read from
                starts.extend([piece.start] * len(piece.digits))
                ends.extend([piece.end] * len(piece.digits))
                changed.append((begin, begin + len(piece.digits)))
                position = piece.end
            else:
                copy(piece.end)
    copy(len(text))
    if typed:  # the letters read as digits were changed too
        reading = "".join(out)
        changed += [(i, i + 1) for i, (a, b) in enumerate(zip(starts, ends))
                    if b - a == 1 and original[a] in "OoIl" and reading[i].isdigit()]
    if keycaps is not None:  # back to the text as written, keycaps included; a keycap's digit was changed too
        changed += [(i, i + 1) for i, (a, b) in enumerate(zip(starts, ends)) if keycaps[a][1] - keycaps[a][0] > 1]
        starts = [keycaps[a][0] for a in starts]
        ends = [keycaps[b - 1][1] if b > 0 else 0 for b in ends]
    return Spelled("".join(out), tuple(starts), tuple(ends), tuple(changed))


# A digit as a keycap emoji ("5️⃣": the digit, an optional variation selector, the enclosing keycap)
_KEYCAP = re.compile("([0-9])\ufe0f?\u20e3")


def _without_keycaps(text: str) -> tuple[list[tuple[int, int]] | None, str]:
    """The text with each keycap digit as its plain digit, and for each character of that text its span in the
    text as written (None and the text itself when it has no keycap)."""
    if "\u20e3" not in text:
        return None, text
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    position = 0
    for keycap in _KEYCAP.finditer(text):
        out.append(text[position:keycap.start()])
        spans += [(i, i + 1) for i in range(position, keycap.start())]
        out.append(keycap.group(1))
        spans.append(keycap.span())
        position = keycap.end()
    out.append(text[position:])
    spans += [(i, i + 1) for i in range(position, len(text))]
    return spans, "".join(out)
