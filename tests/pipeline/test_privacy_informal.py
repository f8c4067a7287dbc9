"""Values written informally: named before, after or by what they open, in new shapes or positions."""
import pytest

from bridge.pipeline.privacy import Detector
from tests.pipeline.test_privacy import SETTINGS


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.from_settings(SETTINGS)


def found(detector: Detector, text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start:f.end]) for f in detector.find(text)]


def kinds(detector: Detector, text: str, kind: str) -> list[str]:
    return [value for k, value in found(detector, text) if k == kind]


# -- cards named before their digits, in new ranges or mistyped ---------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("환불은 카드 9430 1125 7781 0025으로 처리했습니다", "9430 1125 7781 0025"),          # a Korean domestic card (9…)
    ("카드번호 9430 1125 7781 0028 로 결제했는데 두 번 나갔어요", "9430 1125 7781 0028"),   # Luhn digit wrong
    ("the fleet fuel card 7077 3320 1845 9917 is refused at every pump", "7077 3320 1845 9917"),
    ("card number: 4929 1103 5578 2214, I think one digit is off", "4929 1103 5578 2214"),
    ("I paid the deposit invoice with 5425 2334 3010 9904 yesterday", "5425 2334 3010 9904"),
    ("pagué la factura con 4539 7811 2004 5512 y no llega", "4539 7811 2004 5512"),
    ("card: 4556 2807 4556 2807 1943 5727 exp 04/29", "4556 2807 1943 5727"),   # its first groups typed twice
    ("here: 4111 1111 4111 1111 1111 1111, expires 09/28", "4111 1111 1111 1111"),
])
def test_a_card_named_before_its_digits(detector, text, value):
    assert ("card", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "SIM card 8944 1100 2233 4455 stopped working",             # a SIM's number (no card's network, no card number)
    "invoice 4539 2716 0884 1293 is still unpaid",              # a reference's number, Luhn failing
    "order 4556 2807 4556 2807 1943 5727 has shipped",          # an order's number, with no card named
    "ギフトカード 9410 2218 2786 0636 の残高を教えてください",       # a gift card's number
    "Booking ref 9410 2218 2786 0636 for the cabin",            # a booking's reference
    "tracking 9400 1000 2233 4455 5566 77 is stuck",            # a parcel's
])
def test_a_card_named_before_its_digits_look_alikes(detector, text):
    assert kinds(detector, text, "card") == []


@pytest.mark.parametrize("text", [
    "교통카드 번호 1050-2218-4471-9902 환불 신청이 완료되었습니다",          # a transit card's number
    "the voucher is printed like a card number: 6000 4410 2291 7731",   # said only to look like a card
])
def test_a_card_named_before_its_digits_other_cards(detector, text):
    assert kinds(detector, text, "card") == []
