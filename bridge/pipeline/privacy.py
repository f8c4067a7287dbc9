"""Sensitive data in text: find it, mask it.

Pure (no I/O). Build one `Detector` from the admin's settings and reuse it: every regular
expression is compiled once. `find(text)` returns `Finding`s (kind, span, confidence);
`mask(text)` replaces each finding so that at most a short tail survives (`•••• 1111`).

What counts, by kind:
  card           Luhn-valid 13–19 digits in a known issuer range and length (Visa, Mastercard, Amex,
                 Discover, JCB, Diners, UnionPay, Maestro, Mir, RuPay), written with spaces, dashes,
                 dots or line breaks between groups, or split by a few words after a card word; and any
                 other whole Luhn-valid 13–19-digit number starting with 2–6 (lower confidence) unless
                 it is named as an IMEI, serial or tracking number.
  iban           python-stdnum IBAN validation (country format and mod-97), any case, any grouping.
  bank_account   US routing number (ABA checksum) or UK sort code or AU BSB after its name, and
                 account numbers after an account word when the text talks about a bank.
  national_id    US SSN (dashed; other shapes with an SSN word nearby) and ITIN, UK NINO, Canadian SIN,
                 German Steuer-ID, French NIR, Spanish DNI/NIE, Italian codice fiscale, Dutch BSN,
                 Indian Aadhaar, Brazilian CPF (checksums from python-stdnum), passport and driving
                 licence numbers after their name.
  email          plain, spaced and obfuscated ("name at gmail dot com", "name [at] domain [dot] com").
  phone          phonenumbers' matcher (valid numbers for the default region, international numbers
                 anywhere), any "+<country code>" number of a plausible length; after a phone word, local
                 numbers without an area code and other countries' national formats.
  address        house number + street name + street suffix (English, German, French, Spanish and
                 Portuguese forms), PO boxes, with city / state / ZIP / UK postcode; a UK postcode or a
                 numbered street after "address", "live at", "ship to" …
  date_of_birth  a date right after "born", "DOB", "date of birth", "birthday is" … (several languages).
  secret         the value after password / pw / passcode, PIN, one-time and verification codes, CVV.
  custom         the admin's own named regular expressions (order or account numbers …).

What does not count: numbers inside URLs (except card numbers; and wa.me links are phones), numbers
glued to letters (flight numbers, versions, models), prices, timestamps and dates without a birth
word, phone-shaped numbers right after "order", "ticket", "invoice" …, and the allow-list (the
brand's own support phones, emails and addresses).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import phonenumbers
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from phonenumbers import Leniency, PhoneNumberMatcher
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.br import cpf
from stdnum.ca import sin
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.in_ import aadhaar
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.us import itin, rtn, ssn

from bridge.errors import ConfigError
from bridge.schemas import describe

KINDS = ("card", "iban", "bank_account", "national_id", "email", "phone", "address", "date_of_birth",
         "secret", "custom")
# When two findings overlap, the earlier kind here wins (a validated IBAN over digits inside it …).
_PRIORITY = {kind: rank for rank, kind in enumerate(
    ("iban", "card", "national_id", "bank_account", "secret", "custom", "email", "phone", "date_of_birth",
     "address"))}
BULLET = "•"


@dataclass(frozen=True)
class Finding:
    kind: str          # one of KINDS
    start: int         # span in the text given to find()
    end: int
    confidence: float  # 0..1: how sure the detector is that this is the kind's real data
    label: str = ""    # which form: "visa", "us_ssn", "password", or the custom pattern's name


def sensitive_kinds(findings: Iterable[Finding]) -> list[str]:
    """The kinds found, sorted and unique: what audit logs and the CLI show (never the values)."""
    return sorted({f.kind for f in findings})


def privacy_settings(settings: Any) -> dict[str, Any]:
    """The bridge config's optional `privacy:` section; {} when absent."""
    return dict(getattr(settings, "privacy", None) or {})


# -- settings ---------------------------------------------------------------------------------------
class AllowListSchema(Schema):
    phones = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    emails = fields.List(fields.Email(), load_default=list)
    addresses = fields.List(fields.String(validate=validate.Length(min=5)), load_default=list)


class CustomPatternSchema(Schema):
    name = fields.String(required=True, validate=validate.Regexp(
        r"^[a-z][a-z0-9_]{0,39}$", error="use lower-case letters, digits and _ (e.g. order_number)"))
    pattern = fields.String(required=True, validate=validate.Length(min=1))

    @validates_schema
    def compiles(self, data, **_):
        name, pattern = data.get("name", "?"), data.get("pattern", "")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ValidationError(f"custom pattern {name!r} is not a valid regular expression: {exc}",
                                  field_name="pattern") from exc
        if compiled.fullmatch(""):
            raise ValidationError(f"custom pattern {name!r} matches empty text", field_name="pattern")


class PrivacySettingsSchema(Schema):
    """The `privacy:` section of the bridge config."""

    default_region = fields.String(load_default="US", validate=validate.OneOf(
        sorted(phonenumbers.SUPPORTED_REGIONS), error="not a region code phonenumbers knows (e.g. US, GB, DE)"))
    allow_list = fields.Nested(AllowListSchema, load_default=lambda: AllowListSchema().load({}))
    custom_patterns = fields.List(fields.Nested(CustomPatternSchema), load_default=list)
    # agents see a customer's sensitive values in the ticket body (titles, logs and the store stay masked)
    show_full_in_ticket = fields.Boolean(load_default=False)

    @validates_schema
    def cross_checks(self, data, **_):
        region = data.get("default_region", "US")
        errors = {}
        for i, number in enumerate(data.get("allow_list", {}).get("phones", [])):
            if _e164(number, region) is None:
                errors[i] = [f"not a valid phone number for region {region}"]
        if errors:
            raise ValidationError({"allow_list": {"phones": errors}})
        names = [p["name"] for p in data.get("custom_patterns", [])]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValidationError(f"listed more than once: {', '.join(duplicates)}", field_name="custom_patterns")


def load_privacy_settings(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    """Validate the `privacy:` section. ConfigError names the key (and the pattern for a bad regex)."""
    try:
        return PrivacySettingsSchema().load(dict(raw or {}))
    except ValidationError as exc:
        raise ConfigError(f"privacy: {describe(exc)}") from exc


def _e164(number: str, region: str) -> str | None:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


# -- shared patterns ------------------------------------------------------------------------------
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>\"'()\[\]{}]+"
    r"|(?<![\w.-])(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|ly|to|gl|me|app|be|uk|de|fr|es|it|nl|us|info|link)"
    r"/[^\s<>\"'()\[\]{}]*")
_PHONE_LINK = re.compile(r"(?i)^(?:https?://)?(?:wa\.me/|api\.whatsapp\.com/send\?phone=)")
_HAS_DIGIT = re.compile(r"\d")
_BLANK = "\x00"  # replaces URLs in the scanned copy: same length, so spans stay valid, and no rule matches it


def _near_before(pattern: re.Pattern, text: str, start: int, width: int) -> re.Match | None:
    """The last match of `pattern` ending within `width` characters before `start`."""
    last = None
    for match in pattern.finditer(text, max(0, start - width), start):
        last = match
    return last


def _vetoed(text: str, start: int, veto: re.Pattern, wanted: re.Pattern | None = None, width: int = 25) -> bool:
    """A `veto` word (order, tracking, serial …) just before, and no nearer `wanted` word."""
    bad = _near_before(veto, text, start, width)
    if bad is None:
        return False
    good = _near_before(wanted, text, start, width) if wanted is not None else None
    return good is None or good.end() < bad.end()


_REFERENCE_WORDS = re.compile(
    r"(?i)\b(?:order|orders|ord|invoice|inv|ref|reference|tracking|track|shipment|parcel|package|ticket|case|"
    r"booking|confirmation|conf|reservation|receipt|transaction|txn|serial|s/n|sku|model|item|part|rma|batch|"
    r"lot|policy|claim|imei|iccid|meid|isbn|ean|upc|gtin|barcode|bestellnummer|commande|pedido|rechnung|"
    r"factura|facture)\b\.?|(?:no\.|nr\.|n°|#)")

# -- cards ------------------------------------------------------------------------------------------
# Issuer ranges (first digits, inclusive) and lengths, from the card networks' published IIN tables.
_CARD_RANGES: tuple[tuple[str, str, str, tuple[int, ...]], ...] = (
    ("visa", "4", "4", (13, 16, 19)),
    ("mastercard", "51", "55", (16,)),
    ("mastercard", "2221", "2720", (16,)),
    ("amex", "34", "34", (15,)),
    ("amex", "37", "37", (15,)),
    ("discover", "6011", "6011", (16, 17, 18, 19)),
    ("discover", "644", "649", (16, 17, 18, 19)),
    ("discover", "65", "65", (16, 17, 18, 19)),
    ("jcb", "3528", "3589", (16, 17, 18, 19)),
    ("diners", "300", "305", (14, 15, 16, 17, 18, 19)),
    ("diners", "3095", "3095", (14, 15, 16, 17, 18, 19)),
    ("diners", "36", "36", (14, 15, 16, 17, 18, 19)),
    ("diners", "38", "39", (14, 15, 16, 17, 18, 19)),
    ("unionpay", "62", "62", (16, 17, 18, 19)),
    ("maestro", "50", "50", (13, 14, 15, 16, 17, 18, 19)),
    ("maestro", "56", "69", (13, 14, 15, 16, 17, 18, 19)),
    ("mir", "2200", "2204", (16, 17, 18, 19)),
    ("rupay", "81", "82", (16,)),
)
_CARD_GROUP_SEP = r"(?:[ \t\u00a0]{1,3}|[ \t]*\r?\n[ \t]*|[ \t]?[-.\u2010-\u2015_][ \t]?)"
_DIGIT_RUN = re.compile(rf"(?<!\d)\d+(?:{_CARD_GROUP_SEP}\d+)*(?!\d)")
_CARD_WORDS = re.compile(
    r"(?i)\b(?:cards?|cc|cc#|credit|debit|visa|master ?card|mc|amex|american express|discover|jcb|diners|"
    r"maestro|union ?pay|kreditkarte|karte|tarjeta|carte|cart[ãa]o|carta|kaart|karta)\b")
_NOT_A_CARD = re.compile(r"(?i)\b(?:imei|iccid|meid|serial|s/n|tracking|isbn|ean|upc|gtin|barcode)\b")
_SPLIT_GAP = re.compile(r"[\s,:;]*(?:[^\W\d]+[\s,:;()]+){1,3}")


def card_brand(digits: str) -> str | None:
    """The network whose issuer range and length fit these digits, or None. Luhn is checked apart."""
    for brand, low, high, lengths in _CARD_RANGES:
        if len(digits) in lengths and low <= digits[:len(low)] <= high:
            return brand
    return None


def is_card_number(digits: str) -> bool:
    """Could be a payment card number: 13–19 digits, Luhn-valid, and starting with 2–6 (the ISO/IEC 7812
    industries of payment cards), whether or not the network is one card_brand() knows."""
    return 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn.is_valid(digits)


def is_known_card_number(digits: str) -> bool:
    """A Luhn-valid number in a known network's range and length."""
    return card_brand(digits) is not None and luhn.is_valid(digits)


# -- IBAN -------------------------------------------------------------------------------------------
_IBAN_HEAD = re.compile(r"(?i)(?<![a-z0-9])[a-z]{2}\d{2}[a-z0-9]*(?:[ \-][a-z0-9]+){0,10}")
_CHUNK = re.compile(r"[A-Za-z0-9]+")

# -- national ids ---------------------------------------------------------------------------------
_NINO_PREFIX_UNUSED = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def _nino_valid(value: str) -> bool:
    compact = re.sub(r"\s", "", value).upper()
    return compact[:2] not in _NINO_PREFIX_UNUSED


def _digits_only(check: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda value: check(re.sub(r"[^0-9A-Za-z]", "", value))


@dataclass(frozen=True)
class _IdRule:
    label: str
    shape: re.Pattern
    valid: Callable[[str], bool]
    context: re.Pattern | None  # a word that must be near (before within 40, after within 25); None: not needed
    confidence: float


def _ctx(words: str) -> re.Pattern:
    return re.compile(rf"(?i)(?<![\w]){words}(?![\w])")


_SSN_WORDS = _ctx(r"(?:ssn|ss#|ss no\.?|social(?: security)?(?: number| no\.?| #)?|tax id|tin)")
_ID_RULES: tuple[_IdRule, ...] = (
    _IdRule("us_ssn", re.compile(r"(?<![\w-])\d{3}[-\u2010-\u2013]\d{2}[-\u2010-\u2013]\d{4}(?![\w-])"),
            _digits_only(ssn.is_valid), None, 0.85),
    _IdRule("us_ssn", re.compile(r"(?<![\w.-])\d{3}[ .]?\d{2}[ .]?\d{4}(?![\w-]|[.]\d)"),
            _digits_only(ssn.is_valid), _SSN_WORDS, 0.95),
    _IdRule("us_itin", re.compile(r"(?<![\w-])9\d{2}[- ]?\d{2}[- ]?\d{4}(?![\w-])"),
            _digits_only(itin.is_valid), _ctx(r"(?:itin|tax id|tin|taxpayer)"), 0.95),
    _IdRule("gb_nino", re.compile(r"(?<![\w])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])"),
            _nino_valid, None, 0.9),
    _IdRule("gb_nino",
            re.compile(r"(?i)(?<![\w])[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\d{2} ?\d{2} ?\d{2} ?[a-d](?![\w])"),
            _nino_valid, _ctx(r"(?:ni|nino|national insurance)(?: number| no\.?| #)?"), 0.95),
    _IdRule("ca_sin", re.compile(r"(?<![\w-])\d{3}[- ]?\d{3}[- ]?\d{3}(?![\w-])"),
            _digits_only(sin.is_valid), _ctx(r"(?:sin|social insurance|nas)"), 0.9),
    _IdRule("de_idnr", re.compile(r"(?<![\w-])\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\w-])"),
            _digits_only(idnr.is_valid),
            _ctx(r"(?:steuer-?id|steuer-?identifikationsnummer|identifikationsnummer|idnr|tax id)"), 0.9),
    _IdRule("fr_nir", re.compile(r"(?<![\w-])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}(?![\w-])"),
            _digits_only(nir.is_valid), _ctx(r"(?:s[ée]curit[ée] sociale|nir|num[ée]ro de s[ée]cu|insee|carte vitale)"),
            0.9),
    _IdRule("es_dni", re.compile(r"(?<![\w-])\d{8}-?[A-Za-z](?![\w])"),
            _digits_only(dni.is_valid), _ctx(r"(?:dni|nif|documento)"), 0.9),
    _IdRule("es_nie", re.compile(r"(?i)(?<![\w-])[xyz]-?\d{7}-?[a-z](?![\w])"),
            _digits_only(nie.is_valid), _ctx(r"(?:nie|dni|nif)"), 0.9),
    _IdRule("it_codice_fiscale", re.compile(r"(?i)(?<![\w])[a-z]{6}\d{2}[a-z]\d{2}[a-z]\d{3}[a-z](?![\w])"),
            codicefiscale.is_valid, None, 0.9),
    _IdRule("nl_bsn", re.compile(r"(?<![\w.-])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\w-])"),
            _digits_only(bsn.is_valid), _ctx(r"(?:bsn|burgerservicenummer|sofinummer)"), 0.9),
    _IdRule("in_aadhaar", re.compile(r"(?<![\w-])\d{4}[ -]?\d{4}[ -]?\d{4}(?![\w-])"),
            _digits_only(aadhaar.is_valid), _ctx(r"(?:aadhaar|aadhar|uidai|uid)"), 0.9),
    _IdRule("br_cpf", re.compile(r"(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-])"),
            _digits_only(cpf.is_valid), None, 0.9),
    _IdRule("br_cpf", re.compile(r"(?<![\w.-])\d{11}(?![\w-])"),
            _digits_only(cpf.is_valid), _ctx(r"cpf"), 0.9),
)
_ID_VETO = re.compile(r"(?i)\b(?:sku|part|model|item|ref|order|invoice|serial|isbn|lot|batch|policy)\b")
_DOCUMENT_NUMBER = re.compile(
    r"(?i)\b(?P<label>passport|reisepass|pasaporte|passeport|driver'?s? licen[cs]e|driving licen[cs]e)"
    r"\s*(?:number|no\.?|num|#)?\s*(?:is|was|:|=)?\s*"
    r"(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{4,15})(?![\w-])")

# -- bank accounts --------------------------------------------------------------------------------
_ROUTING = re.compile(r"(?i)\b(?:routing|aba|rtn|transit)\b(?:\s*(?:number|no\.?|num|#))?\s*(?:is|:|=|#)?\s*"
                      r"(?P<value>\d{9})(?!\d)")
_SORT_CODE = re.compile(
    r"(?i)\b(?:sort[ -]?code|sortcode)\b\s*(?:is|:|=)?\s*(?P<value>\d{2}[- ]?\d{2}[- ]?\d{2})(?![\d-])")
_BSB = re.compile(r"(?i)\bbsb\b\s*(?:number|no\.?)?\s*(?:is|:|=)?\s*(?P<value>\d{3}[- ]?\d{3})(?![\d-])")
_BLZ = re.compile(r"(?i)\b(?:blz|bankleitzahl)\b\s*:?\s*(?P<value>\d{3} ?\d{3} ?\d{2})(?!\d)")
_ACCOUNT = re.compile(
    r"(?i)\b(?:account|acct|acc|a/c|konto|kontonummer|cuenta|compte|conto|checking|savings)\b\.?"
    r"(?:\s*(?:number|no\.?|num|nr\.?|#))?\s*(?:is|:|=|-)?\s*"
    r"(?P<value>\d(?:[\d -]{4,20})\d)(?![\d-])")
_BANK_WORDS = re.compile(
    r"(?i)\b(?:bank|banking|routing|aba|rtn|sort ?code|sortcode|bsb|checking|savings|wire|direct deposit|"
    r"blz|kontonummer|girokonto|bancaire|bancaria|banco|bancario|swift|bic)\b")

# -- email ------------------------------------------------------------------------------------------
_TLDS = (r"com|net|org|edu|gov|mil|int|info|biz|io|co|me|us|uk|de|fr|es|it|nl|be|ch|at|pl|pt|br|mx|ar|cl|ca|"
         r"au|nz|in|jp|cn|kr|ru|ie|se|no|dk|fi|gr|tr|za|ng|ke|eg|ae|sa|il|sg|hk|tw|ph|my|id|vn|th|app|dev|email|"
         r"online|xyz|live|mail")
_AT = r"(?:\s*(?:\(at\)|\[at\]|\{at\}|<at>|\(@\)|\[@\])\s*|\s+at\s+|\s*@\s*)"
_DOT = r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\(\.\)|\[\.\])\s*|\s+dot\s+|\s+\.\s+|\.)"
_EMAIL_AT_PROVIDER = re.compile(  # "jane.doe@gmail": no top-level domain, but clearly a mailbox
    r"(?i)(?<![\w.%+\-])[\w.%+\-]{1,64}@(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|proton(?:mail)?|gmx)"
    r"(?![\w.@-])")
_LOCAL_CHAR = r"[\w.!#$%&'*+/=?^`{|}~\-]"  # what RFC 5322 allows before the @ without quotes
_EMAIL_PLAIN = re.compile(  # top-level domains are letters, or punycode (xn--p1ai)
    rf"(?i)(?<!{_LOCAL_CHAR}){_LOCAL_CHAR}{{1,64}}@[\w\-]+(?:\.[\w\-]+)*\.(?:[^\W\d_]{{2,24}}|xn--[a-z0-9\-]{{1,59}})"
    r"(?![\w@-])")
_EMAIL_LOOSE = re.compile(
    # repetitions are bounded so that long runs of "a dot a dot …" stay linear
    rf"(?i)(?<![\w.%+\-])(?P<local>[\w%+\-]+(?:{_DOT}[\w%+\-]+){{0,4}}?){_AT}"
    rf"(?P<domain>[\w\-]+(?:{_DOT}[\w\-]+){{0,3}}?){_DOT}(?P<tld>{_TLDS})(?![\w])")
# Words that come before " at " in ordinary sentences ("meet me at home dot com" is not an address).
_NOT_A_MAILBOX = frozenset(
    "i me you he him she her it we us they them am is are was were be been being look looking meet see stay "
    "staying here there now still just arrived home work school this that what who".split())
_MAIL_PROVIDERS = frozenset(
    "gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol proton protonmail pm gmx web "
    "mail yandex zoho 163 126 qq naver orange free laposte libero t-online btinternet".split())

# -- phones -----------------------------------------------------------------------------------------
_PHONE_WORDS = re.compile(
    r"(?i)\b(?:call|called|calling|phone|ph|tel|tele?fono|telefon|t[ée]l[ée]phone|cell|cellphone|mobile|"
    r"mob|handy|m[óo]vil|portable|whats ?app|wa|text|txt|sms|ring|reach|contact|number|n[úu]mero|nummer|"
    r"num[ée]ro|fax|landline|appelez-moi|ll[áa]mame)\b")
# Words after which a run of digits is a phone number in any country's format ("ring me on 07911 123456"
# with the default region US): "number" alone is not one of them ("case number 03918274").
_STRONG_PHONE_WORDS = re.compile(
    r"(?i)\b(?:call(?: me)?|ring(?: me)?|phone|tel|cell|cellphone|mobile|whats ?app|text me|txt me|sms me|"
    r"landline|fax|my (?:phone |cell |mobile )?(?:number|no\.?|#))\b")
# Cheap gate before phonenumbers' matcher (the slowest step): a run that could hold 7+ digits.
_PHONE_SHAPED = re.compile(r"\d[\d ().\-\u2010-\u2015/]{5,}\d")
_INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+\d[\d ().-]{5,20}\d(?![\w-]|[.,]\d)")
_ANY_PHONE = re.compile(r"(?<![\w+-])\+?\(?\d[\d ().-]{5,20}\d(?![\w-]|[.,]\d)")

# -- addresses --------------------------------------------------------------------------------------
_STREET_SUFFIXES = (
    "street|st|avenue|ave|av|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|ter|"
    "close|crescent|cres|parkway|pkwy|highway|hwy|circle|cir|square|sq|trail|trl|row|mews|gardens|grove|"
    "hill|loop|walk|green|parade|plaza|alley|broadway|expressway|freeway|pike|turnpike|causeway")
_STRONG_SUFFIXES = frozenset(
    "street avenue ave road rd lane ln drive boulevard blvd terrace crescent parkway highway hwy".split())
_STATE_ZIP = r"(?:,?\s*[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?)"
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
_PLACE_WORD = r"[^\W\d_][\w'’.\-]*"
_POSTAL = rf"(?:{_UK_POSTCODE}|{_STATE_ZIP}|\d{{5}}(?:-\d{{4}})?)"
_ADDRESS_TAIL = (
    r"(?:[ ,]+(?i:apt|apartment|unit|suite|ste|flat|fl|#)\.?\s*#?\w{1,6})?"
    rf"(?:,?\s*{_POSTAL})?"
    # city (and county or state) up to a postcode: ", Little Whinging, Surrey KT22 7QT", ", los angeles 90028"
    rf"(?:,\s*{_PLACE_WORD}(?:,?\s+{_PLACE_WORD}){{0,3}}?,?\s*{_POSTAL}"
    # or a city alone: ", Springfield", ", San Francisco"
    r"|,\s*[^\W\d_][\w'’.\-]*(?:\s+[A-Z][a-z][\w'’.\-]*){0,2})?")
_NAME_WORD = r"(?:[^\W\d_][\w'’.\-]*|\d{1,3}(?:st|nd|rd|th))"
_STREET = re.compile(
    r"(?i)(?<![\w$€£¥#.,/-])(?P<number>\d{1,5}[a-z]?(?:\s?-\s?\d{1,5})?)\s+"
    # up to four name words (letters, or ordinals as in "W 57th St"), optionally after a compass point
    rf"(?P<name>(?:(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?\s+)?(?:{_NAME_WORD}\s+){{0,3}}?{_NAME_WORD}\s+)??"
    rf"(?P<suffix>(?:{_STREET_SUFFIXES}))\b\.?(?P<tail>(?-i:{_ADDRESS_TAIL}))")
_POSTCODE_CITY = r"(?:,?\s*\d{4,5}\s+[^\W\d_][\w\-]+)?"
_STREETS_ABROAD = (
    # German and Dutch: one capitalised word ending in the street word, then the number (Hauptstraße 12)
    re.compile(r"(?<![\w])[A-ZÄÖÜ][\w\-]*(?:straße|strasse|str\.|gasse|allee|platz|straat|laan|plein|gracht)"
               rf",?\s+\d{{1,4}}[a-z]?(?![\w]){_POSTCODE_CITY}"),
    # Spanish, Portuguese, Italian: street word, name, number (Calle Mayor 45, Rua das Flores, 123)
    re.compile(r"(?i)(?<![\w])(?:calle|c/|avenida|avda\.?|paseo|camino|carrer|rua|travessa|viale|corso|piazza)"
               r"\s+(?:[\w'’\-]+\s+){0,4}?[\w'’\-]+,?\s+\d{1,4}[a-z]?(?![\w])(?:,\s*\d{1,2}º?\s?[a-z]?(?![\w]))?"
               rf"{_POSTCODE_CITY}"),
    # French: number, street word, name (12 rue de la Paix, 75002 Paris)
    re.compile(r"(?i)(?<![\w])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|av\.|bd|chemin|all[ée]e|impasse|quai)"
               rf"(?:\s+[\w'’\-]+){{1,5}}{_POSTCODE_CITY}"),
)
_PO_BOX = re.compile(rf"(?i)\b(?:p\.?\s?o\.?\s?box|post office box|postfach|apartado)\s*\d{{1,6}}(?-i:{_ADDRESS_TAIL})")
_ADDRESS_WORDS = re.compile(
    r"(?i)\b(?:address|addr|adresse|direcci[óo]n|endere[çc]o|indirizzo|live at|living at|lives at|"
    r"ship(?:ped)? (?:it )?to|deliver(?:ed)? (?:it )?to|send (?:it |the \w+ )?to|post ?code|postal code|"
    r"zip(?: code)?|plz)\b")
_POSTCODE_ALONE = re.compile(rf"(?<![\w]){_UK_POSTCODE}(?![\w])")
_NUMBERED_PLACE = re.compile(
    r"(?<![\w$€£¥#.,/:-])\d{1,5}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}"
    r"(?:\s*#\s?\w{1,6})?")
_NOT_STREET_NAME = frozenset(
    "the a an my your our their his her its this that these those of to in on at from for and or but by with "
    "down up over under into onto out off near past via than then per each every all some any no not "
    "mile miles km kilometres kilometers metre metres meter meters block blocks minute minutes min mins "
    "hour hours hr hrs day days week weeks month months year years time times way ways item items "
    "people person customers".split())

# -- dates of birth ---------------------------------------------------------------------------------
_MONTHS = (
    r"jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|f[ée]vrier|mar(?:ch|s)?|m[äa]rz|apr(?:il)?|avril|may|mai|"
    r"jun[e]?|juni|juin|jul[y]?|juli|juillet|aug(?:ust)?|ao[ûu]t|sep(?:t|tember|tembre)?|oct(?:ober|obre)?|"
    r"okt(?:ober)?|nov(?:ember|embre)?|dec(?:ember)?|dez(?:ember)?|d[ée]cembre|enero|febrero|marzo|abril|mayo|"
    r"junio|julio|agosto|septiembre|octubre|noviembre|diciembre")
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?:['’]\d{2}|\d{2,4})"
_DATE = (
    r"(?:\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}"                                        # 04/12/1988, 1985-07-22
    rf"|{_DAY}\s+(?:of\s+|de\s+)?(?:{_MONTHS})\.?,?(?:\s+(?:de\s+)?{_YEAR})?"     # 3 March 1991, 14 de febrero
    rf"|(?:{_MONTHS})\.?\s+{_DAY},?(?:\s+{_YEAR})?"                                  # Feb 29, 1996; Jan 5 '88
    r"|\d{1,2}[./\-]\d{1,2})(?![\w/])")                                              # 3/15 (only right after the word)
_DOB = re.compile(
    r"(?i)\b(?:d\.?o\.?b\.?|date of birth|birth ?date|birthday|b-?day|born|geburtsdatum|geboren|geb\.|"
    r"fecha de nacimiento|nacid[oa]|n[ée]e|né|date de naissance|data di nascita|nato|nata|data de nascimento|"
    r"nascid[oa])(?![\w])(?:['’]s)?"
    r"[\s:=\-–,]*(?:(?:is|was|on|in|le|am|el|the|of)[\s:]+)*"
    rf"(?P<date>{_DATE})")

# -- secrets ----------------------------------------------------------------------------------------
_PASSWORD = re.compile(
    r"(?i)\b(?P<word>password|passwort|passwd|pwd|pw|pass|passcode|passphrase|contrase[ñn]a|mot de passe|mdp|"
    r"senha|wachtwoord|kennwort|clave)\b"
    r"(?P<connector>\s*[:=]\s*|\s+(?:is|was|es|ist|est|lautet|é|=)\s*:?\s*|\s+)"
    r"(?P<value>\"[^\"\n]{1,64}\"|'[^'\n]{1,64}'|“[^”\n]{1,64}”|[^\s\"'“”]{1,64})")
_PIN = re.compile(
    r"(?i)\b(?:pin|pin ?code|pin number|pin no\.?|pin-nummer|code pin|nip)\b(?:['’]s)?[\s:=#\-–]*"
    r"(?:(?:is|was|es|ist|est|lautet)\s*:?\s*)?(?P<value>\d{4,8})(?![\w])")
_CVV = re.compile(
    r"(?i)\b(?:cvv2?|cvc2?|cvn|csc|cid|security code|card code|c[óo]digo de seguridad|kartenpr[üu]fnummer)\b"
    r"[^\d\n]{0,20}?(?<!\d)(?P<value>\d{3,4})(?![\w/])")
_OTP = re.compile(
    r"(?i)\b(?P<word>otp|one[- ]time(?:\s+(?:code|password|passcode|pin))?|2fa|mfa|two[- ]factor|2[- ]step|"
    r"verification|verify|authenticat(?:ion|or)|auth|sms|text(?:ed)?|login|log-?in|sign[- ]?in|access|"
    r"c[óo]digo de verificaci[óo]n|best[äa]tigungscode|code de v[ée]rification)\b"
    r"[^\d\n]{0,30}?(?<![\d./-])(?P<value>\d{4,8})(?![\w/]|[.,:-]\d)")
_CODE = re.compile(r"(?i)\b(?P<before>\w+)?\s*\bcode\b[^\d\n]{0,20}?(?<![\d./-])(?P<value>\d{4,8})(?![\w/]|[.,:-]\d)")
_OTP_SENT = re.compile(r"(?i)\b(?:sent|send|texted|text|sms|got|get|received|emailed|e-mailed|enter|entered|typed)\b")
_NOT_OTP_CODE = frozenset(
    "promo promotional discount coupon voucher gift referral zip post postal area country error status qr "
    "source dress tracking confirmation booking reservation reference product item tax sort bank swift "
    "routing exit fault event".split())
_OTP_CONTEXT_NEEDS_CODE = frozenset({
    "verification", "verify", "authentication", "authenticator", "auth", "sms", "text", "texted", "login",
    "log-in", "signin", "sign-in", "sign in", "access"})
_WEAK_VALUES = frozenset(
    "not wrong incorrect correct invalid expired too the my your a an same still being been now required case "
    "right fine ok okay different long short weak strong saved changed reset locked blocked working broken "
    "missing gone new old set also just really very always never stored visible shown accepted rejected "
    "compromised leaked stolen hacked field requirement requirements reset manager protected policy rules "
    "hint recovery change changes please pls help issue problem error see sent check dm dms in on below above "
    "attached none n/a na tbd".split())


@dataclass(frozen=True)
class _Custom:
    name: str
    pattern: re.Pattern


class Detector:
    """Finds and masks sensitive data. Build once (it compiles everything) and reuse across texts."""

    def __init__(self, *, allow_list: Mapping[str, Sequence[str]] | None = None,
                 custom_patterns: Sequence[Mapping[str, str]] = (), default_region: str = "US") -> None:
        settings = load_privacy_settings({"default_region": default_region, "allow_list": dict(allow_list or {}),
                                          "custom_patterns": [dict(p) for p in custom_patterns]})
        self.default_region: str = settings["default_region"]
        allow = settings["allow_list"]
        self._allowed_phones = frozenset(_e164(p, self.default_region) for p in allow["phones"])
        self._allowed_emails = frozenset(e.strip().lower() for e in allow["emails"])
        # padded with spaces so that containment is by whole words ("1 canal st" is not in "21 canal st")
        self._allowed_addresses = tuple(f" {_address_key(a)} " for a in allow["addresses"])
        self._custom = tuple(_Custom(p["name"], re.compile(p["pattern"])) for p in settings["custom_patterns"])

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any] | None) -> Detector:
        """From the config's `privacy:` mapping (see PrivacySettingsSchema); ConfigError when invalid."""
        settings = load_privacy_settings(raw)
        return cls(allow_list=settings["allow_list"], custom_patterns=settings["custom_patterns"],
                   default_region=settings["default_region"])

    # -- finding ----------------------------------------------------------------------------------
    def find(self, text: str) -> list[Finding]:
        """Non-overlapping findings in text order."""
        if not text:
            return []
        scan = text if text.isascii() else _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)
        urls = [m.span() for m in _URL.finditer(scan) if not _PHONE_LINK.match(m.group())]
        blanked = scan
        for start, end in urls:
            blanked = blanked[:start] + _BLANK * (end - start) + blanked[end:]
        candidates: list[Finding] = []
        has_digit = _HAS_DIGIT.search(blanked) is not None
        if has_digit:
            candidates += self._ibans(blanked)
            candidates += self._cards(blanked)
            candidates += self._national_ids(blanked)
            candidates += self._bank_accounts(blanked)
            candidates += self._secrets(blanked)
            candidates += self._dates_of_birth(blanked)
            candidates += self._addresses(blanked)
            candidates += self._documents(blanked)
        candidates += self._cards_in_urls(scan, urls)
        candidates += self._passwords(blanked)
        candidates += self._customs(scan)
        candidates += self._emails(blanked)
        claimed = _resolve(candidates)
        if has_digit and any(sum(c.isdigit() for c in m.group()) >= 7 for m in _PHONE_SHAPED.finditer(blanked)):
            claimed = _resolve(claimed + self._phones(blanked, claimed))
        return claimed

    def _ibans(self, text: str) -> list[Finding]:
        found = []
        for match in _IBAN_HEAD.finditer(text):
            chunks = list(_CHUNK.finditer(match.group()))
            for count in range(len(chunks), 0, -1):
                compact = "".join(c.group() for c in chunks[:count])
                if 15 <= len(compact) <= 34 and stdnum_iban.is_valid(compact):
                    end = match.start() + chunks[count - 1].end()
                    found.append(Finding("iban", match.start(), end, 0.99, compact[:2].upper()))
                    break
        return found

    def _cards(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        runs = list(_DIGIT_RUN.finditer(text))
        used: set[int] = set()
        for index, run in enumerate(runs):
            finding = self._card_in_run(text, run)
            if finding is not None:
                used.add(index)
                found.append(finding)
        # "4111 1111 then 1111 1111": consecutive short runs split by a few words, after a card word.
        for index in range(len(runs) - 1):
            if index in used:
                continue
            first = runs[index]
            if _near_before(_CARD_WORDS, text, first.start(), 40) is None:
                continue
            digits = re.sub(r"\D", "", first.group())
            end = first.end()
            for follower in range(index + 1, min(index + 4, len(runs))):
                gap = text[end:runs[follower].start()]
                if follower in used or len(gap) > 30 or not _SPLIT_GAP.fullmatch(gap):
                    break
                digits += re.sub(r"\D", "", runs[follower].group())
                end = runs[follower].end()
                if len(digits) > 19:
                    break
                if is_known_card_number(digits):
                    found.append(Finding("card", first.start(), end, 0.8, card_brand(digits) or ""))
                    used.update(range(index, follower + 1))
                    break
        return found

    def _card_in_run(self, text: str, run: re.Match) -> Finding | None:
        groups = [(run.start() + g.start(), run.start() + g.end(), g.group()) for g in re.finditer(r"\d+", run.group())]
        total = sum(len(g[2]) for g in groups)
        if total < 13:
            return None
        start = groups[0][0]
        context = _near_before(_CARD_WORDS, text, start, 40) is not None
        for first in range(len(groups)):
            digits = ""
            # longest window first, so a 19-digit card is not reported as its 16-digit prefix
            windows = []
            for last in range(first, len(groups)):
                digits += groups[last][2]
                if len(digits) > 19:
                    break
                if len(digits) >= 13:
                    windows.append((last, digits))
            for last, digits in reversed(windows):
                whole = first == 0 and last == len(groups) - 1
                # Around a card people write expiry and CVV, not other long numbers; elsewhere a window
                # inside a longer run (tracking numbers …) needs a card word to count.
                trailing_short = first == 0 and all(len(g[2]) <= 5 for g in groups[last + 1:])
                if not (whole or trailing_short or context):
                    continue
                if is_known_card_number(digits):
                    confidence = 0.99 if context else (0.95 if whole else 0.9)
                    return Finding("card", groups[first][0], groups[last][1], confidence, card_brand(digits) or "")
        # A whole number that passes Luhn in the card industries but no range we know (a new or regional
        # network) still counts, unless it is named as something else (IMEIs pass Luhn too).
        digits = "".join(g[2] for g in groups)
        if is_card_number(digits) and not _vetoed(text, start, _NOT_A_CARD, _CARD_WORDS):
            return Finding("card", groups[0][0], groups[-1][1], 0.9 if context else 0.7, "")
        return None

    def _cards_in_urls(self, text: str, urls: list[tuple[int, int]]) -> list[Finding]:
        """A card number is never let through, even inside a link (tracking ids rarely pass Luhn + range)."""
        found = []
        for start, end in urls:
            for run in _DIGIT_RUN.finditer(text, start, end):
                finding = self._card_in_run(text, run)
                if finding is not None:
                    found.append(Finding("card", finding.start, finding.end, 0.6, finding.label))
        return found

    def _national_ids(self, text: str) -> list[Finding]:
        found = []
        for rule in _ID_RULES:
            for match in rule.shape.finditer(text):
                value = match.group()
                if not rule.valid(value):
                    continue
                near = rule.context is not None and self._context_near(rule.context, text, match.start(), match.end())
                if rule.context is not None and not near:
                    continue
                if rule.context is None and _vetoed(text, match.start(), _ID_VETO):
                    continue
                confidence = 0.99 if near or (rule.label == "us_ssn" and
                                              self._context_near(_SSN_WORDS, text, match.start(), match.end())) \
                    else rule.confidence
                found.append(Finding("national_id", match.start(), match.end(), confidence, rule.label))
        return found

    def _documents(self, text: str) -> list[Finding]:
        found = []
        for match in _DOCUMENT_NUMBER.finditer(text):
            label = "driving_licence" if "licen" in match.group("label").lower() else "passport"
            found.append(Finding("national_id", match.start("value"), match.end("value"), 0.7, label))
        return found

    @staticmethod
    def _context_near(pattern: re.Pattern, text: str, start: int, end: int) -> bool:
        return pattern.search(text, max(0, start - 40), start) is not None or \
            pattern.search(text, end, end + 25) is not None

    def _bank_accounts(self, text: str) -> list[Finding]:
        found = []
        for match in _ROUTING.finditer(text):
            if rtn.is_valid(match.group("value")):
                found.append(Finding("bank_account", *match.span("value"), 0.95, "us_routing"))
        for pattern, label in ((_SORT_CODE, "gb_sort_code"), (_BSB, "au_bsb"), (_BLZ, "de_blz")):
            for match in pattern.finditer(text):
                found.append(Finding("bank_account", *match.span("value"), 0.9, label))
        if _BANK_WORDS.search(text):
            for match in _ACCOUNT.finditer(text):
                digits = re.sub(r"\D", "", match.group("value"))
                if 6 <= len(digits) <= 17:
                    found.append(Finding("bank_account", *match.span("value"), 0.8, "account_number"))
        return found

    def _secrets(self, text: str) -> list[Finding]:
        found = []
        for match in _PIN.finditer(text):
            found.append(Finding("secret", *match.span("value"), 0.95, "pin"))
        for match in _CVV.finditer(text):
            found.append(Finding("secret", *match.span("value"), 0.9, "card_security_code"))
        for match in _OTP.finditer(text):
            word = match.group("word").lower()
            # "sms", "login" … alone are everywhere; they make a one-time code only together with "code"
            if word in _OTP_CONTEXT_NEEDS_CODE and not re.search(r"(?i)\b(?:code|pin|passcode)\b", match.group()):
                continue
            found.append(Finding("secret", *match.span("value"), 0.9, "one_time_code"))
        for match in _CODE.finditer(text):
            before = (match.group("before") or "").lower()
            if before in _NOT_OTP_CODE:
                continue
            around = text[max(0, match.start() - 30):match.end() + 20]
            if _OTP_SENT.search(around):
                found.append(Finding("secret", *match.span("value"), 0.8, "one_time_code"))
        return found

    def _passwords(self, text: str) -> list[Finding]:
        found = []
        for match in _PASSWORD.finditer(text):
            value = match.group("value")
            quoted = value[0] in "\"'“"
            bare = value.rstrip(".,;:)!?")
            if not bare or bare.lower() in _WEAK_VALUES:
                continue
            connector = match.group("connector").strip()
            looks_made_up = bool(re.search(r"\d|[^\w\s]", bare)) or bool(re.search(r"[a-z][A-Z]", bare))
            word = match.group("word").lower()
            if quoted:
                confidence = 0.95
            elif connector in (":", "="):
                if len(bare) < 3:
                    continue
                confidence = 0.95 if looks_made_up else 0.8
            elif connector:  # "is", "was" …: ordinary words follow too ("my password is correct")
                if not looks_made_up:
                    continue
                confidence = 0.9
            else:  # no connector: "pw Summer2024!" yes, "password field" no, "pass 2" no
                if word == "pass" or not (looks_made_up and len(bare) >= 6 and re.search(r"[^\W\d_]", bare)):
                    continue
                confidence = 0.8
            end = match.start("value") + len(value)  # trailing "!!" may be part of it: mask the whole token
            found.append(Finding("secret", match.start("value"), end, confidence, "password"))
        return found

    def _dates_of_birth(self, text: str) -> list[Finding]:
        return [Finding("date_of_birth", *m.span("date"), 0.9, "date_of_birth") for m in _DOB.finditer(text)
                if _plausible_date(m.group("date"))]

    def _addresses(self, text: str) -> list[Finding]:
        found = []
        for match in _STREET.finditer(text):
            name_words = (match.group("name") or "").split()
            if not name_words and match.group("suffix").lower() != "broadway":
                continue
            words = [w.strip(".").lower() for w in name_words]
            if any(w in _NOT_STREET_NAME for w in words if len(w) > 1 or w not in "nsew"):
                continue
            suffix = match.group("suffix")
            titled = all(w[:1].isupper() or w[:1].isdigit() for w in name_words + [suffix])
            # lower-case "4 elm st" is an address right after "ship to:"; elsewhere only with a clear suffix
            if not titled and suffix.lower() not in _STRONG_SUFFIXES and \
                    _near_before(_ADDRESS_WORDS, text, match.start(), 15) is None:
                continue
            end = match.start("tail") + len(match.group("tail").rstrip(" ,"))
            found.append(Finding("address", match.start(), end, 0.9 if titled else 0.75, "street"))
        for pattern in _STREETS_ABROAD:
            for match in pattern.finditer(text):
                found.append(Finding("address", match.start(), match.end(), 0.85, "street"))
        for match in _PO_BOX.finditer(text):
            end = match.end() - _trailing_space(match.group())
            found.append(Finding("address", match.start(), end, 0.85, "po_box"))
        for word in _ADDRESS_WORDS.finditer(text):
            window_end = min(len(text), word.end() + 40)
            postcode = _POSTCODE_ALONE.search(text, word.end(), window_end)
            if postcode:
                found.append(Finding("address", *postcode.span(), 0.7, "postcode"))
            place = _NUMBERED_PLACE.search(text, word.end(), window_end)
            if place and place.start() - word.end() <= 25:
                found.append(Finding("address", *place.span(), 0.6, "street"))
        return [f for f in found if not self._allowed_address(text[f.start:f.end])]

    def _allowed_address(self, value: str) -> bool:
        key = f" {_address_key(value)} "
        return any(key in allowed or allowed in key for allowed in self._allowed_addresses)

    def _customs(self, text: str) -> list[Finding]:
        return [Finding("custom", m.start(), m.end(), 0.9, custom.name)
                for custom in self._custom for m in custom.pattern.finditer(text) if m.end() > m.start()]

    def _emails(self, text: str) -> list[Finding]:
        if "@" not in text and not re.search(r"(?i)\bat\b", text):
            return []
        found = []
        for match in _EMAIL_PLAIN.finditer(text):
            if match.group().lower() not in self._allowed_emails:
                found.append(Finding("email", match.start(), match.end(), 0.99, "email"))
        for match in _EMAIL_AT_PROVIDER.finditer(text):
            found.append(Finding("email", match.start(), match.end(), 0.8, "email"))
        for match in _EMAIL_LOOSE.finditer(text):
            confidence = self._obfuscated_email_confidence(match)
            if confidence and canonical_email(match.group()) not in self._allowed_emails:
                found.append(Finding("email", match.start(), match.end(), confidence, "email"))
        return found

    @staticmethod
    def _obfuscated_email_confidence(match: re.Match) -> float:
        """0 when " at " is just a word: "deals at walmart.com" is a shop, "lena at gmx dot de" a mailbox."""
        value, local = match.group(), match.group("local")
        if "@" in value or re.search(r"[\[\]{}()<>]", value):
            return 0.95
        if local.lower() in _NOT_A_MAILBOX:
            return 0.0
        if re.search(r"(?i)\sdot\s", value):
            return 0.85
        provider = match.group("domain").split(".")[0].strip().lower()
        if provider in _MAIL_PROVIDERS or re.search(r"[._+\d]", local):
            return 0.8
        return 0.0

    def _phones(self, text: str, claimed: list[Finding]) -> list[Finding]:
        found = []
        spans = [(f.start, f.end) for f in claimed]

        def keep(match, confidence: float) -> None:
            if any(match.start < e and s < match.end for s, e in spans):
                return
            if _glued(text, match.start, match.end):
                return  # part of a longer token: POL-2291-884-A, SKU-5551234
            number = _e164(text[match.start:match.end], self.default_region) if match.number is None else \
                phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            if number is not None and number in self._allowed_phones:
                return
            # "order 2025551234" is an order number; "order +44 7911 123456" is not: no order number has a "+"
            if text[match.start] != "+" and _vetoed(text, match.start, _REFERENCE_WORDS, _PHONE_WORDS):
                return
            found.append(Finding("phone", match.start, match.end, confidence, "phone"))
            spans.append((match.start, match.end))

        for match in PhoneNumberMatcher(text, self.default_region, leniency=Leniency.VALID):
            keep(match, 0.95 if _near_before(_PHONE_WORDS, text, match.start, 30) else 0.85)
        # Local numbers without an area code ("call me at 555-0123") are only "possible" numbers: count
        # them when a phone word comes just before (only the text after phone words is searched again).
        for window_start, window_end in _windows_after(_PHONE_WORDS, text, reach=45):
            segment = text[window_start:window_end]
            if sum(c.isdigit() for c in segment) < 7:
                continue
            for match in PhoneNumberMatcher(segment, self.default_region, leniency=Leniency.POSSIBLE):
                digits = sum(c.isdigit() for c in match.raw_string)
                if digits >= 7 and _near_before(_PHONE_WORDS, text, window_start + match.start, 20) is not None:
                    keep(_Shifted(match, window_start), 0.7)
        # "+44 7700 900123" is written as a phone number even where no number is in service (the UK's
        # drama range): international format with a plausible length for its country.
        for run in _INTERNATIONAL_PHONE.finditer(text):
            try:
                parsed = phonenumbers.parse(run.group(), None)
            except phonenumbers.NumberParseException:
                continue
            # a complete number, not one that could only be dialled locally ("+12 345 678" is a score)
            if phonenumbers.is_possible_number_with_reason(parsed) == phonenumbers.ValidationResult.IS_POSSIBLE:
                keep(_Span(run.start(), run.end(), parsed), 0.75)
        # Numbers in another country's national format ("ring me on 07911 123456" for a US brand): any
        # run of 7 to 15 digits right after a clear phone word.
        for word in _STRONG_PHONE_WORDS.finditer(text):
            run = _ANY_PHONE.search(text, word.end(), min(len(text), word.end() + 60))
            if run and run.start() - word.end() <= 20 and 7 <= sum(c.isdigit() for c in run.group()) <= 15:
                keep(_Span(run.start(), run.end(), None), 0.6)
        return found

    # -- masking ----------------------------------------------------------------------------------
    def mask(self, text: str, findings: Sequence[Finding] | None = None) -> str:
        """The text with every finding replaced by its mask; overlapping findings are masked together."""
        findings = self.find(text) if findings is None else findings
        ordered = sorted(findings, key=lambda f: (f.start, _PRIORITY.get(f.kind, len(_PRIORITY))))
        merged: list[list[Any]] = []  # [start, end, finding whose style masks the union]
        for finding in ordered:
            if merged and finding.start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], finding.end)
                if _PRIORITY.get(finding.kind, 99) < _PRIORITY.get(merged[-1][2].kind, 99):
                    merged[-1][2] = finding
            else:
                merged.append([finding.start, finding.end, finding])
        out, position = [], 0
        for start, end, finding in merged:
            out.append(text[position:start])
            out.append(self._mask_value(finding, text[start:end]))
            position = end
        out.append(text[position:])
        return "".join(out)

    def _mask_value(self, finding: Finding, value: str) -> str:
        digits = "".join(str(unicodedata.decimal(c)) for c in value if c.isdecimal())
        dots = BULLET * 4
        if finding.kind == "card":
            return f"{dots} {digits[-4:]}"
        if finding.kind == "iban":
            compact = re.sub(r"[^0-9A-Za-z]", "", value).upper()
            return f"{compact[:2]}{BULLET * 2} {dots} {compact[-4:]}"
        if finding.kind == "bank_account":
            return f"{dots} {digits[-4:]}" if len(digits) >= 8 else "[bank account]"
        if finding.kind == "national_id":
            if finding.label in ("us_ssn", "us_itin"):
                return f"{BULLET * 3}-{BULLET * 2}-{digits[-4:]}"
            compact = re.sub(r"[^0-9A-Za-z]", "", value)
            return f"{dots} {compact[-4:]}" if len(compact) >= 8 else "[national id]"
        if finding.kind == "email":
            return _mask_email(canonical_email(value))
        if finding.kind == "phone":
            if len(digits) < 8:
                return "[phone]"
            number = _e164(value, self.default_region)
            if number is None:
                return f"{BULLET * 3} {digits[-4:]}"
            return f"+{phonenumbers.parse(number).country_code} {BULLET * 3} {number[-4:]}"
        if finding.kind == "date_of_birth":
            return "[date of birth]"
        if finding.kind == "custom":
            return f"[{finding.label or 'custom'}]"
        return f"[{finding.kind.replace('_', ' ')}]"  # address, secret


def _resolve(candidates: list[Finding]) -> list[Finding]:
    """Keep the strongest of overlapping findings: kind priority, then confidence, then length."""
    kept: list[Finding] = []
    for finding in sorted(candidates, key=lambda f: (_PRIORITY[f.kind], -f.confidence, f.start - f.end)):
        if all(finding.end <= k.start or k.end <= finding.start for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


@dataclass(frozen=True)
class _Span:
    """A phone-number-shaped run found without phonenumbers' matcher (number: None when not parsed)."""

    start: int
    end: int
    number: Any


@dataclass(frozen=True)
class _Shifted:
    """A phonenumbers match found in a slice, with its span moved back into the whole text."""

    match: Any
    offset: int

    @property
    def start(self) -> int:
        return self.match.start + self.offset

    @property
    def end(self) -> int:
        return self.match.end + self.offset

    @property
    def number(self):
        return self.match.number


def _windows_after(pattern: re.Pattern, text: str, reach: int) -> list[tuple[int, int]]:
    """Merged spans of `reach` characters after each match of `pattern`, stretched so that they never
    end inside a number."""
    windows: list[list[int]] = []
    for match in pattern.finditer(text):
        start, end = match.end(), min(len(text), match.end() + reach)
        while end < len(text) and (text[end].isdigit() or text[end] in " -.()"):
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(start, end) for start, end in windows]


def _glued(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a longer token (letters or digits right before or after, or
    joined by a hyphen)."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return bool(re.search(r"(?:\w|\w-)$", before) or re.match(r"\w|-\w", after))


def _trailing_space(value: str) -> int:
    return len(value) - len(value.rstrip(" ,"))


def _plausible_date(value: str) -> bool:
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if len(numbers) == 3 and not re.search(r"[A-Za-z]", value):
        day_month = [n for n in numbers if n <= 31]
        return len(day_month) >= 2 and min(numbers[:2] if numbers[0] <= 31 else numbers[1:]) <= 12
    return all(n <= 31 or n >= 1000 or len(str(n)) == 2 for n in numbers)


def canonical_email(value: str) -> str:
    """"Tom DOT Baker AT outlook DOT com" → "tom.baker@outlook.com" (for the allow-list and masks)."""
    text = re.sub(rf"(?i){_AT}", "@", value, count=1) if "@" not in value else value
    text = re.sub(rf"(?i){_DOT}", ".", text)
    return re.sub(r"\s+", "", text).lower()


def _mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    provider = domain.partition(".")[0]
    # a mail provider's domain says nothing about the person; a custom domain may be their name
    shown_domain = domain if provider in _MAIL_PROVIDERS else f"{BULLET * 3}.{domain.rsplit('.', 1)[-1]}"
    return f"{local[:1]}{BULLET * 3}@{shown_domain}"


_ADDRESS_ABBREVIATIONS = {"street": "st", "avenue": "ave", "road": "rd", "lane": "ln", "drive": "dr",
                          "boulevard": "blvd", "court": "ct", "place": "pl", "terrace": "ter", "suite": "ste",
                          "apartment": "apt", "north": "n", "south": "s", "east": "e", "west": "w"}


def _address_key(value: str) -> str:
    """Lower-case words with common abbreviations, so "500 Market St." matches "500 market street"."""
    words = re.findall(r"\w+", value.lower())
    return " ".join(_ADDRESS_ABBREVIATIONS.get(w, w) for w in words)
