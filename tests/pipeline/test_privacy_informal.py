"""Values written informally: named before, after or by what they open, in new shapes or positions."""
import pytest

from bridge.pipeline.privacy import Detector
from bridge.pipeline.spoken_numbers import digits_from_words
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


# -- codes said loosely ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("the new code for the bike shed is 4 7 1 9, please keep it to yourself", "4 7 1 9"),     # digit by digit
    ("Der Torcode für die Tiefgarage ist jetzt 2 8 0 5 7 1.", "2 8 0 5 7 1"),
    ("A kapu kódja: 6 0 2 4, ne add tovább.", "6 0 2 4"),
    ("Le code du local vélos est 7C 4 1 8, merci.", "7C 4 1 8"),
    ("รหัสประตูหลังของคุณคือ 8 1 4 2 ครับ", "8 1 4 2"),
    ("Der Zugangscode zum Lager lautet ab morgen 3390.", "3390"),                             # a word or two after "is"
    ("el código del trastero es desde hoy 7741, no lo compartas", "7741"),
    ("the keypad code is still just 5812 for now", "5812"),
    ("Jeg har glemt PIN-koden til kortet. Den nye var 6620, tror jeg.", "6620"),            # the old / new one
    ("Forgot my locker pin again. The old one was 1938.", "1938"),
    ("Abholcode 448 120, die Station öffnet nicht", "448 120"),                              # a compound's digits
    ("Türcode 7713 funktioniert nicht mehr", "7713"),
])
def test_a_code_said_loosely(detector, text, value):
    assert ("secret", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "zip code 1 0 0 0 1 please",                               # a postal code, digit by digit
    "Fehlercode 4 0 4 1 am Display",                           # an error's code
    "the discount code is worth about 2000 points",            # a count after a public code
    "the code is valid until 2359 tonight",                    # a time
    "Der Code gilt seit 2019 und ist bei uns 2020 geändert worden",   # years
    "Rabattcode 2024 gilt bis Freitag",                        # a public discount code
    "Postleitzahl 10115, Hausnummer 4",                        # no code word
    "the old one was 2019, the new one is 2021",               # years, no code named
    "Die alte war 4471 Euro teuer, der Code ist unwichtig.",   # an amount
])
def test_a_code_said_loosely_look_alikes(detector, text):
    assert kinds(detector, text, "secret") == []


@pytest.mark.parametrize("text", [
    "The date codes on the boxes say 2611, so they are fresh.",    # "on" is no "is" in English
    "the code to the office is shared with 4471 staff",             # a count
])
def test_a_code_said_loosely_not_is(detector, text):
    assert kinds(detector, text, "secret") == []


# -- ids with a particle glued on, or named in another language's word ---------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("주민등록번호 870415-1234566로 가입했습니다", "870415-1234566"),                # a Korean particle glued on
    ("주민등록번호는 870415-1234566입니다", "870415-1234566"),
    ("환불은 카드 9430 1125 7781 0025를 통해 처리됩니다", "9430 1125 7781 0025"),
    ("मेरा आधार 4829 1150 7336 है, कृपया अपडेट करें", "4829 1150 7336"),               # Aadhaar named in Hindi
    ("आधार कार्ड नंबर 4829-1150-7336 गलत दर्ज हुआ", "4829-1150-7336"),
    ("anoté el número de mi cédula 45127836L en el formulario", "45127836L"),       # a DNI named "cédula"
    ("mi cédula 1020304050 no la acepta el formulario", "1020304050"),  # a Colombian cédula, labelled: held back
])
def test_an_id_with_a_particle_or_named_in_its_language(detector, text, value):
    assert any(kind in ("national_id", "card") and v == value for kind, v in found(detector, text))


@pytest.mark.parametrize("text", [
    "2024년 3월 5일에 예약번호 12345678로 확인했습니다",                     # a booking's number, a particle glued on
    "ऑर्डर 4829 1150 7337 के आधार पर रिफंड हुआ",                            # "on the basis of the order"
])
def test_an_id_with_a_particle_or_named_in_its_language_look_alikes(detector, text):
    assert kinds(detector, text, "national_id") == [] and kinds(detector, text, "card") == []


# -- passwords set off later in their sentence, or before their name ----------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("we've set the password you picked at the desk, lemon-tree-48. Please change it soon.", "lemon-tree-48"),
    ("she guessed my password easily, it's my dog's name and year (rocky2012)", "rocky2012"),
    ("Das Passwort schicke ich eigentlich nicht... na gut: Tiger_Lilly77! Bitte helfen", "Tiger_Lilly77"),
    ("the password for the file is your initials plus 4410, so: JKM4410. Don't share it.", "JKM4410"),
    ("marbella1987 c'est mon mot de passe, je sais, pas génial", "marbella1987"),
    ("girasol2020 es mi contraseña, ya lo sé", "girasol2020"),
    ("zonnebloem44 is mijn wachtwoord, sorry", "zonnebloem44"),
])
def test_a_password_set_off_or_before_its_name(detector, text, value):
    assert ("secret", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "I reset my password, ticket CS-2291, still locked out",           # a ticket's reference
    "the password must look like Abc12345, with a digit and a capital",   # an example of its rules
    "my password expired (error 0x80070005) this morning",             # an error's code
    "password reset requested, see help.example.com (step 3)",         # a step, a site
    "my password stopped working after the 2.4.1 update, help",        # a version number
    "Windows 11 keeps asking for my password, version 23H2",           # a version
])
def test_a_password_set_off_look_alikes(detector, text):
    assert kinds(detector, text, "secret") == []


# -- an id's or an account's short name joined to its value by a hyphen or an underscore ------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("my CNIC-35202-1234567-1 was rejected at the counter", "national_id", "35202-1234567-1"),
    ("my SSN-078-05-1120 please remove this", "national_id", "078-05-1120"),
    ("ssn_987-65-4329 is on the form you sent", "national_id", "987-65-4329"),
    ("my NIC-891234567V is on the booking", "national_id", "891234567V"),
    ("nino-TY482061B, if you need it", "national_id", "TY482061B"),
    ("acct-7730012845 is mine, the refund never came", "bank_account", "7730012845"),
])
def test_a_name_joined_to_its_value_by_a_hyphen(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the portal shows my appointment as 3 Dec but the letter says 13 Dec. which one?? ref NHS-APT-20041",
    "order ORD-2024-115 arrived, SKU NIC-4400 was missing",             # a reference and a product code
    "room INN-204 was not cleaned",                                      # a room, not a Russian tax number
])
def test_a_name_joined_to_its_value_look_alikes(detector, text):
    assert kinds(detector, text, "national_id") == [] and kinds(detector, text, "bank_account") == []


# -- digits written on right after a card's number, and long account numbers -----------------------------------------
@pytest.mark.parametrize("text, hidden", [
    ("card 4111 1111 1111 1111 123", "123"),                               # its security code, with no word for it
    ("card: 4111-1111-1111-1111/123", "123"),                              # … or after a slash
    ("transfer to my account 4081 7810 0999 1000 4312 please", "4312"),   # a 20-digit account that began like a card
    ("my account number 40817810099991000431 at Sberbank", "40817810099991000431"),
    ("my account 40817810099991000431, the transfer bounced", "40817810099991000431"),
    ("CLABE account 032180000118359719 for the refund", "032180000118359719"),
])
def test_digits_after_a_card_and_long_accounts_are_hidden(detector, text, hidden):
    assert hidden not in detector.mask(text, detector.find(text))


@pytest.mark.parametrize("text, masked", [
    ("card 4111 1111 1111 1111 12/26", "card •••• 1111 12/26"),
    ("card 4111 1111 1111 1111/09/27", "card •••• 1111/09/27"),
])
def test_an_expiry_after_a_card_is_left_as_written(detector, text, masked):
    assert detector.mask(text, detector.find(text)) == masked


# -- a customer's line named by the organisation that holds it ------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("Our customer's mobile is 07911 123456, he asked us to call him back", "07911 123456"),
    ("our client's phone number is 07911 123456", "07911 123456"),
    ("We have the guest's number as 07911 123456, is that still right?", "07911 123456"),
])
def test_a_customers_line_named_by_the_organisation(detector, text, value):
    assert ("phone", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Our customer service line is 0800 123 4567, open 8am to 8pm",
    "Our number is 0800 123 4567 if you need us",
])
def test_a_customers_line_look_alikes(detector, text):
    assert kinds(detector, text, "phone") == []


# -- a card's security code named by where it is printed, with no card number in the text -----------------------------
@pytest.mark.parametrize("text, value", [
    ("the code on the back is 123, can you take the payment now?", "123"),
    ("the 3 digits on the back are 447", "447"),
    ("3 digit code on the back: 789", "789"),
    ("the numbers on the back of my card are 456", "456"),
    ("el código de atrás es 640", "640"),
    ("le code au dos de la carte est 902", "902"),
    ("die Ziffern auf der Rückseite sind 318", "318"),
])
def test_a_card_code_named_by_its_place_alone(detector, text, value):
    assert ("secret", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the numbers on the back of the receipt are 1234",            # the back of something else
    "the 3 digits on the back of the parcel say 449",
    "Model number on the back says RX4400-AU-B. Anyone else?",    # a product's number, glued to its letters
    "the 3 digit code is 123",                                    # named by its length only: a card's only beside one
    "I moved back to 123 Main St last year",
])
def test_a_card_code_named_by_its_place_alone_look_alikes(detector, text):
    assert [value for kind, value in found(detector, text) if kind == "secret"] == []


# -- a user name and password behind short labels, or joined by a colon ---------------------------------------------
@pytest.mark.parametrize("text, user, password", [
    ("u: mike_t p: Winter!2025", "mike_t", "Winter!2025"),
    ("U: mike_t P: Winter!2025", "mike_t", "Winter!2025"),
    ("un: mike_t pw: Winter!2025 if you need to check", "mike_t", "Winter!2025"),
    ("u/p: mike_t / Winter!2025", "mike_t", "Winter!2025"),
    ("creds are mike_t:Winter!2025", "mike_t", "Winter!2025"),
])
def test_a_user_and_password_behind_short_labels(detector, text, user, password):
    assert {("secret", user), ("secret", password)} <= set(found(detector, text))


@pytest.mark.parametrize("text", [
    "U: 230V P: 1500W, will it run on a UK socket?",              # a voltage and a power
    "login at 10:30 failed again",                                 # a time
    "Q: is the app down? A: yes, since noon",                      # a question and its answer
    "the factory login is admin/admin",                            # a default, the same word twice
])
def test_a_user_and_password_behind_short_labels_look_alikes(detector, text):
    assert [value for kind, value in found(detector, text) if kind == "secret"] == []


# -- a house number read off the end of a hyphenated number ------------------------------------------------------------
@pytest.mark.parametrize("text, hidden", [
    ("meu CEP é 01310-100, Av. Paulista 1578 apto 52", "01310"),   # the postal code's first part stayed in view
    ("12-14, rue de Rivoli, Paris", "12-"),                         # a range of house numbers
])
def test_a_hyphenated_number_before_a_street_is_masked_whole(detector, text, hidden):
    assert hidden not in detector.mask(text, detector.find(text))


# -- a date of birth with an ISO time after it, a NZ health number, a customer's own PO box ---------------------------
@pytest.mark.parametrize("text, value", [
    ("dob: 1980-02-01T00:00:00Z", "1980-02-01"),                  # pasted from a form's export
    ("birthdate=1980-02-01T00:00:00+01:00", "1980-02-01"),
    ("DOB 1975-11-30T00:00 on the account", "1975-11-30"),
])
def test_a_date_of_birth_with_a_time_after_it(detector, text, value):
    assert ("date_of_birth", value) in found(detector, text)


@pytest.mark.parametrize("text, value", [
    ("my NHI number is ZAC5361, the pharmacy has it wrong", "ZAC5361"),
    ("NHI ZAC5361 for my mum please", "ZAC5361"),
    ("her nhi is ABC12DF (the new kind)", "ABC12DF"),             # issued from 2022: two digits, two letters
])
def test_a_nz_health_number_after_its_name(detector, text, value):
    assert ("national_id", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "ABC1234 is the model on the sticker",                        # the shape with no NHI named
    "nhi hai koi problem, order ABC1234 aa gaya",                 # Hindi "nahi" in Latin letters, no id named
])
def test_a_nz_health_number_look_alikes(detector, text):
    assert kinds(detector, text, "national_id") == []


@pytest.mark.parametrize("text, hidden", [
    ("my po box is 771 in Juneau AK 99801", "771"),
    ("mail it to my P.O. Box no. 4521 please", "4521"),
])
def test_a_customers_own_po_box(detector, text, hidden):
    assert hidden not in detector.mask(text, detector.find(text))


# -- found by spontaneous.jsonl: a blocked account is no scam, a line offered beside a site, a mobile in Hinglish -----
def test_a_customers_own_blocked_account_is_no_scam_warning(detector):
    text = "email saya dewi.l88@yahoo.co.id, tolong cek kenapa akun saya diblokir"   # "why is my account blocked"
    assert ("email", "dewi.l88@yahoo.co.id") in found(detector, text)
    warning = "ada yang ngaku CS minta transfer, emailnya cs.refund.pasar@gmail.com, tolong diblokir"
    assert kinds(detector, warning, "email") == []                               # a scammer's, quoted as a warning


@pytest.mark.parametrize("text", [
    "Apply online at our council tax page or call 020 8726 6000.",
    "Puedes agendar cita en sat.gob.mx o llamar al 55 627 22 728.",
    "Renew on the app or ring us on 0161 496 0377, weekdays 9 to 5.",
])
def test_a_line_offered_beside_a_website_is_the_organisations(detector, text):
    assert kinds(detector, text, "phone") == []


@pytest.mark.parametrize("text, value", [
    ("email me at jo.k@gmail.com or call 07700 900123", "07700 900123"),          # a mailbox is no website
    ("I filled the form online or call me on 07700 900124", "07700 900124"),      # "call me"
    ("refund nahi aaya abhi tak. call karo 98204 41763 pe", "98204 41763"),       # an Indian mobile in Hinglish
])
def test_a_line_offered_beside_a_website_look_alikes(detector, text, value):
    assert value in kinds(detector, text, "phone")


# -- found by spontaneous.jsonl: codes past a place or by what they open, answers after their question, used-as ----
@pytest.mark.parametrize("text, value", [
    ("the house alarm code at 9 Quarry Lane, Bath BA2 5RT is 5071 for the viewing", "5071"),
    ("keybox at the holiday flat, Rua das Flores 27, 3º esq, Porto: 1 9 4 7, we're stuck outside", "1 9 4 7"),
    ("The key safe at the apartment now opens with 2 0 5 8, we changed it after the last guest.", "2 0 5 8"),
    ("Your claim code for the transferred tickets is DASH-77QK-PL. Enter it in the app.", "DASH-77QK-PL"),
    ("Ihr neues Einmalpasswort für das Kundenportal lautet Ahorn-5529.", "Ahorn-5529"),
    ("Use Finch-7741-Air as a one-off password at sign-in.", "Finch-7741-Air"),
    ("enter 'Kq7-lemon-22' as your new temporary password", "Kq7-lemon-22"),
])
def test_a_code_named_before_a_place_or_by_what_it_opens(detector, text, value):
    assert ("secret", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "The key safe at 4 Mill Lane, York YO1 7HH is 2 metres left of the door.",     # a distance, not a code
    "the door code at 9 Quarry Lane is on the fridge magnet",                       # no value given
    "Use SAVE2024 as a discount code at checkout",                                  # a promo code
    "use your email as a login and 1234 as pin lol",                                # a PIN everyone guesses
])
def test_a_code_named_before_a_place_or_by_what_it_opens_look_alikes(detector, text):
    assert kinds(detector, text, "secret") == []


@pytest.mark.parametrize("text, value", [
    ("security q answer was 'grandma's lasagne' lol", "'grandma's lasagne'"),     # an apostrophe inside the quotes
    ("Sicherheitsfrage war 'Name des ersten Haustiers' → Flocke.", "Flocke"),     # after the question, an arrow
    ("my security question was 'first car' -> Corolla", "Corolla"),
    ("We've set the answer to your security question to 'Madras Cafe' as requested.", "'Madras Cafe'"),
])
def test_a_security_answer_after_its_question(detector, text, value):
    assert ("secret", value) in found(detector, text)


def test_a_security_answer_after_its_question_look_alike(detector):
    assert kinds(detector, "the security question to 'verify your identity' page keeps loading", "secret") == []


@pytest.mark.parametrize("text, value", [
    ("Your green card A-number A219884107 and passport are in the courier bag.", "A219884107"),
    ("my alien registration number is A-123-456-789", "A-123-456-789"),
])
def test_a_us_alien_number_named_by_its_card(detector, text, value):
    assert ("national_id", value) in found(detector, text)


# -- found by impromptu.jsonl -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("here's my seed so u can check: velvet orbit candle marble fringe echo tunnel sugar glimpse harbor rally bronze",
     "secret", "velvet orbit candle marble fringe echo tunnel sugar glimpse harbor rally bronze"),
    ("not the old address pls. buzzer code 2F*1190", "secret", "2F*1190"),
    ("Reset done. Login mike_p with sunfl0wer23 (we bumped the number).", "secret", "sunfl0wer23"),
    ("min tolong, PIN ATM saya 130594 kayaknya bocor", "secret", "130594"),      # "my" after the PIN
    ("my gcash is locked, mpin ko 4829 pero ayaw gumana", "secret", "4829"),
    ("ipinanganak ako noong Hunyo 3, 1997 pero sabi ng system 17 daw ako", "date_of_birth", "Hunyo 3, 1997"),
    ("Screenshot says: 'Nome: Lucas Prado | Nasc.: 12/04/2001' e mesmo assim", "date_of_birth", "12/04/2001"),
    ("إيقامتي رقم 2398471056 وما زال التطبيق يقول الهوية غير صحيحة", "national_id", "2398471056"),
    ("Versicherungsnr 65 081065 M 012 — Rentenbescheid fehlt seit Monaten", "national_id", "65 081065 M 012"),
    ("écrivez-moi à m.ouedraogo(at)laposte(point)net svp", "email", "m.ouedraogo(at)laposte(point)net"),
    ("we've called the number you gave, 415-829-3067, and left a message", "phone", "415-829-3067"),
])
def test_values_found_by_impromptu(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "case number 0029-1847-55 and nobody at the council even knows what it's about",     # a reference's "number"
    "we've sent the tracking number 1Z 9X8 44W 03 1847 2910 to your email on file.",     # a tracking number's groups
    "Flight 6E 2134 BLR-DEL delayed 4 hrs, no food voucher, no update.",                 # a flight, no voucher code
    "O boleto 34191.79001 01043.510047 não foi emitido por nós.",                         # a payment slip's digit line
    "vocês ligam do (11) 3003 0401? pediram o código do whatsapp, desliguei",             # asked whether they call from it
    "You can also call 0700 225 5266 or write to care@swiftsend.ng.",                    # beside a role mailbox
    "WHO IS 'security@paypa1-verify.com'??? they want my password.",                     # a sender asked about
    "Thanks! Payment for INV-00942 to 40-11-62 71829365 received. Your rent account is clear.",  # the payee's account
    "just paid invoice INV-00942 to your account 40-11-62 / 71829365, pls confirm",
    "login with google works but login with email fails",
])
def test_look_alikes_found_by_impromptu(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("call me after 5pm 07700 900123", "phone", "07700 900123"),             # one group before is a time, no code
    ("paid invoice 442 to my account 40-11-62 71829365 by mistake", "bank_account", "40-11-62 71829365"),
    ("call me on 07700 900124 or email me at jo@gmail.com", "phone", "07700 900124"),   # no organisation's mailbox
])
def test_look_alikes_found_by_impromptu_still_found(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by offthecuff.jsonl ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("@MaybankMY tarikh lahir 23 Ogos 1995, tak boleh buka akaun online", "date_of_birth", "23 Ogos 1995"),
    ("rider has 26 Jalan Ampang Hilir, 55000 KL and is waiting", "address", "26 Jalan Ampang Hilir, 55000 KL"),
    ("licence will be posted to 22 Jalan SS2/55, Petaling Jaya 47300, thanks", "address",
     "22 Jalan SS2/55, Petaling Jaya 47300"),
    ("courier the passport to 31 Jalan Bunga Raya, #02-01, Singapore 579832", "address",
     "31 Jalan Bunga Raya, #02-01, Singapore 579832"),
    ("@GrabFoodPH Blk 7 Lot 22, Phase 2, Brgy San Isidro, Antipolo Rizal po, naligaw yung rider", "address",
     "Blk 7 Lot 22, Phase 2, Brgy San Isidro, Antipolo Rizal"),
    ("Habari Juma, PIN yako mpya ya muda ni 3829. Tafadhali ibadilishe.", "secret", "3829"),   # Swahili "is"
    ("KPLC tokens bought today not loading: 5830 1192 7746 0318 2257 pls sort it", "secret",
     "5830 1192 7746 0318 2257"),                                                                # a meter's token
])
def test_values_found_by_offthecuff(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "nimepokea sms kutoka 0711 902 447 inasema nimeshinda milioni, ni wizi sio?",   # "is it theft?": a scammer's
    "Habari Neema, asante! 0711 902 447 si yetu. Tuma namba hiyo kwa 333 kuripoti.",  # "not ours"
    "Hi Joan, thanks for flagging 0966 204 8831. That's not Globe.",
    "We will never ask for your password or OTP. Please report it to 7726.",          # a short code to report to
    "Hi Palesa, please email exams@unisa.ac.za with your student number.",            # an exams office's mailbox
    "The block 7 lot is closed for parking today",                                    # a block and lot, no address
])
def test_look_alikes_found_by_offthecuff(detector, text):
    assert found(detector, text) == []


def test_a_customers_mailbox_a_message_was_sent_to_is_still_theirs(detector):
    text = "Hi Cheryl, that message to cheryl.ames@btinternet.com isn't from us — please delete it."
    assert ("email", "cheryl.ames@btinternet.com") in found(detector, text)


# -- found by unbidden.jsonl --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("the woman asked for her PIN. Nan, bless her, gave it: 6092. She's 84 and very upset.", "secret", "6092"),
    ("asked me to read him my online banking password. I gave him Marble&Fox1984 before hanging up.", "secret",
     "Marble&Fox1984"),
    ("The security question is my first pet's name, which is Biscuit, and that's what I typed.", "secret",
     "Biscuit"),
    ("the caller wanted my online banking password and I read him Kq7lemon22 before I twigged", "secret",
     "Kq7lemon22"),                                                       # "read": no other word of the gate here
    ("I've logged your Czech birth number 850312/4417 as the ID on the rental agreement.", "national_id",
     "850312/4417"),
])
def test_values_found_by_unbidden(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "fake letterhead asking people to pay a 'settlement' to sort code 60-83-71, account 29104455. My mum almost paid",
    "The number that rang me was 01632 960 441. It's not your bank, not Amazon, not anyone real.",
    "Le 09 70 81 44 27 n'est pas un numéro de notre banque. Nous l'avons signalé.",
    "I forgot my password so I gave it a reset and told them 2024 was my year",      # a year, not a PIN given
    "the security question, which is optional, keeps failing",
])
def test_look_alikes_found_by_unbidden(detector, text):
    assert found(detector, text) == []


def test_an_account_the_writer_asks_a_refund_to_after_a_scam_is_theirs(detector):
    text = "I got scammed, please refund to my account 29104455 sort code 60-83-71"
    assert ("bank_account", "29104455") in found(detector, text)


# -- found by unasked.jsonl ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("turned 30 on 12 June 2024 and the young driver surcharge is still there. seriously?", "12 June 2024"),
    ("Since you turned 25 on 3 March this year, the under-25 excess no longer applies", "3 March"),
    ("my son turned 18 on 2 Feb 2025 so he needs his own policy", "2 Feb 2025"),
    ("김민수 고객님, 출생 1991년 2월 27일로 정보 수정 완료했습니다.", "1991년 2월 27일"),          # Korean "birth"
])
def test_a_birth_date_said_by_the_day_an_age_was_turned(detector, text, value):
    assert ("date_of_birth", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the shop turned 10 on 3 May 2021, come celebrate",            # a business's anniversary
    "the page turned 404 on 12 June and never came back",          # no age
])
def test_a_birth_date_said_by_the_day_an_age_was_turned_look_alikes(detector, text):
    assert kinds(detector, text, "date_of_birth") == []


# -- found by unscripted.jsonl and freehand.jsonl -----------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("new phone who dis jk — its 415-738-\n2206 now, update my account pls", "phone", "415-738-\n2206"),
    ("its literally 'bella2016' the password, i typed it right", "secret", "bella2016"),
    ('it\'s "Tern#44", my old password', "secret", "Tern#44"),
    ('The app asks for the "account PIN". I set it as 0519 when I signed up.', "secret", "0519"),
    ("the door code for the pickup point has changed to 4#7731.", "secret", "4#7731"),
    ('the email with the reset link says "use code HF72QP0X within 24 hours"', "secret", "HF72QP0X"),
    ("are these recovery codes enough to get back in? 4f7k-2m9p, 8qx3-7tnd", "secret", "8qx3-7tnd"),
    ("the personal number on the booking is 910304-7263 (Sweden), is it right?", "national_id", "910304-7263"),
    ("abeg my line was barred, the line na 0803 417 2290, restore am o", "phone", "0803 417 2290"),
    ("oga, the line na 0805 217 3390 dey ring", "phone", "0805 217 3390"),
])
def test_values_found_by_unscripted_and_freehand(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "la caparra va versata sul nostro IBAN aziendale IT37 K020 0805 3640 0010 4512 395 (Hotel Miramare srl).",
    "Merhaba Ayşe Hanım, 7248891102 numaralı siparişiniz kargoya verildi.",          # an order's number, Turkish
    "Got an email saying my account is suspended and to call 020 3966 1840. Is that you?",
    "the voucher THANKYOU10 is for first orders only; use SPRING2024 instead",       # codes published for everyone
    "Why does the app say my branch sort code is 30-94-51 now? Did my branch merge?",  # a branch's, no account
    "use code SAVE20 at checkout, expires in 3 days",
    "where do I find my backup codes? 2 days now",
])
def test_look_alikes_found_by_unscripted_and_freehand(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("sort code 30-94-51 account 12345678", "bank_account", "30-94-51"),              # with its account: not alone
    ("rimborso sul mio IBAN IT37 K020 0805 3640 0010 4512 395 grazie", "iban", "IT37 K020 0805 3640 0010 4512 395"),
    ("your gift card code is GFT4-882K-Q19Z, enjoy", "secret", "GFT4-882K-Q19Z"),     # random: one buyer's
    ("got your message, call me on 07700 900123, is that you?", "phone", "07700 900123"),
    ("my personal number is 07700 900123", "phone", "07700 900123"),                   # a phone, not a personnummer
])
def test_what_stays_sensitive_beside_the_unscripted_and_freehand_classes(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by offscript.jsonl and unplanned.jsonl -----------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("> first half: 5120 7764\n> second half: 0328 9159\nsent it in two bits like your agent said", "card",
     "0328 9159"),
    ("> 4509 0327\n> 4419 6586\nThanks for splitting it up! The payment on that card went through.", "card",
     "4509 0327"),
    ("Senha do app redefinida para Mudar@2025, troque no primeiro acesso.", "secret", "Mudar@2025"),
    ("Tek kullanımlık giriş kodunuz 509 316, 3 dakika geçerlidir.", "secret", "509 316"),
    ("nạp tiền từ tài khoản Vietcombank số 0451000382716 của tôi mà bị trừ hai lần", "bank_account",
     "0451000382716"),
    ("le livreur a bien noté le digicode 4B72.", "secret", "4B72"),
    ("the transfer code for my floor ticket is TRF-8KQ2-M7XW, I posted it", "secret", "TRF-8KQ2-M7XW"),
    ("collected by her nan on Friday, the collection password is bluebell tractor. She'll bring ID", "secret",
     "bluebell tractor"),
    ("konsultant poprosił o frazę: lemon saddle orbit fabric quiz anchor velvet humble crane ozone pilot mirror — "
     "czy to na pewno wy?", "secret", "lemon saddle orbit fabric quiz anchor velvet humble crane ozone pilot mirror"),
    ("đơn thuốc sẽ giao đến 45 ngõ 120 Hoàng Quốc Việt, phòng 502 trong chiều nay", "address",
     "45 ngõ 120 Hoàng Quốc Việt, phòng 502"),
    ("ไรเดอร์จะกลับไปส่งที่บ้านเลขที่ 59/12 ซอยลาดพร้าว 64 แยก 8 อีกครั้ง", "address",
     "บ้านเลขที่ 59/12 ซอยลาดพร้าว 64 แยก 8"),
])
def test_values_found_by_offscript_and_unplanned(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "order 4509 0327 and invoice 4419 6586 are both open",                # card digits, but no card word, no pieces
    "the collection password is still the same.",
    "I want to order a large pizza with extra cheese and some garlic bread for the whole family tonight please",
    "Pedido alterado para amanhã",
    "Quán mở cửa ở 12 Lý Thường Kiệt từ 8h",                             # a shop's street, no alley or room
])
def test_look_alikes_of_the_offscript_and_unplanned_classes(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text", [
    # an organisation's line: in its own signed reply, by its hours, nobody answering it, its kind of line, a leaflet
    "Viewings on Saturdays, call us on 01423 770512. Oakhill Manor",
    "We've just added Durbanville! WhatsApp us on 063 118 4420 to book a meet & greet. MzansiPetSit",
    "Για επείγοντα καλέστε στο 210 723 4419. Κτηνιατρείο Αθήνας",
    "Call (614) 488-2100 Mon, Tue, Thu or Fri 8–5. Ridgewood Family Dental",
    "@DubCityCouncil the notice on the lamppost says ring 01 222 4173 about the closure, nobody ever answers",
    "@StMarysNursery the number on the letter (0113 244 7081) goes straight to voicemail",
    "@AsiloNidoGirasole Il numero della segreteria 080 521 4467 non risponde mai",
    "@CliniqueVetMTL votre ligne d'urgence au 514 340-2288 est-elle ouverte pendant les Fêtes?",
    "@ReadWellLibraries the home library leaflet says to call 0161 912 3375 — is that still the number?",
    # a scammer's number, said not to be the organisation's, in more languages
    "Số 0888 214 903 không phải của VietPay. VietPay không bao giờ hỏi mã OTP.",
    "06 3418 2290 is niet van de gemeente. Meld het bij de Fraudehelpdesk.",
    "cảnh báo: có người gọi từ số 0888 214 903 tự xưng nhân viên VietPay",
    # an organisation's account, mailbox, address and ids
    "pour régler la facture par virement : IBAN du cabinet FR35 2004 1010 0524 8602 1G00 100",
    "Your invoice says to pay GB16 BARC 2003 1873 4410 52 — can you confirm that's really your account?",
    "vous pouvez aussi écrire à inscriptions.mairie8@mairie-lyon.fr.",
    "O exame de código é no centro de exames da Rua Júlio Dinis 155, às 10h do dia 9.",
    "Free parking in our lot; the garage across Clark is $12. MetroPet ER, 1450 N Clark St",
    "Sí, el RUT de la empresa es 76.391.840-2, puedes usarlo para la boleta.",
    "Our company TIN is 009-482-117-000, printed on the official receipt.",
    "Nuestro CUIT es 30-71482936-4, lo ves también en la factura electrónica.",
    "Our company KRA PIN is P051738264Q, you can verify it on iTax.",
    "저희 사업자등록번호는 214-86-39017 입니다.",
    "Mi serve la vostra partita IVA per la nota spese, è 07283910152 quella sul sito?",
    # a reference's number shaped like an id or a phone
    "Claim 219-44-6083 is now assigned to a new adjuster.",
    "Pedido 482-19-7730 no llega, ya van 12 días",
    "Mi número de guía es 7788 2291 0034 6, ¿por qué dice devuelto al remitente?",
])
def test_organisations_details_found_by_offscript_and_unplanned(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("Hi Tom, we'll call you on 07700 900123 tomorrow. Acme Bank", "phone", "07700 900123"),     # signed: the reader's
    ("Our driver will call the recipient on 07700 900592 if nobody answers the door.", "phone", "07700 900592"),
    ("ID 9308020124085 and your emergency contact (071 558 2046) are saved. MzansiPetSit", "phone", "(071 558 2046"),
    ("Hi Michelle, our records show SSN 227-41-8853 on the account.", "national_id", "227-41-8853"),
    ("La empresa me dice que falta un dato. Los datos que les di son: DNI 08273914D", "national_id", "08273914D"),
    ("Thanks, McAllister, 14 Glen Road, Oban PA34 4HT", "address", "14 Glen Road, Oban PA34 4HT"),  # a surname
    ("The name card inside lists 07700 900 268 — is that you?", "phone", "07700 900 268"),
    ("Hi Anna, the refund goes to your IBAN GB16 BARC 2003 1873 4410 52, can you confirm it's yours?", "iban",
     "GB16 BARC 2003 1873 4410 52"),
    ("the 219-44-6083 on my form is my social", "national_id", "219-44-6083"),
])
def test_what_stays_sensitive_beside_the_organisations_details(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by offhours.jsonl --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # a post to an organisation's handle asking whether a number or an account is genuine, or its own
    "@StJudeMercyHosp Is 317-962-4410 the medical records fax or the main line? Trying to send a form",
    "@CamaraDeVilaVerde O IBAN PT11 0033 0000 4532 9018 6650 0 que vem na carta das águas é mesmo da Câmara?",
    "@AlfoldBank Kaptam egy levelet, hogy a HU86 1171 4000 2003 8841 0000 0000 számlára fizessek. Ez tényleg a bank "
    "számlája?",
    "@PrimariaValeaVerde Contul RO26 BTRL 0330 1205 R119 44XX pentru plata impozitelor e cel corect?",
    # a reply the organisation signs: its line, its account to pay, its ids, its signature's own line
    "Hi, yes we're open Saturdays 8–12 for MOTs. Main line is 01482 771 309, or text the workshop mobile 07863 201 "
    "554. – Ridgeway Garage",
    "Grüß Gott! Überweisungen an das LKH Murtal gehen auf AT36 2060 2000 0012 0445. Patientenverrechnung",
    "Bon dia, l'IBAN correcte per a la taxa de residus és ES71 2038 1722 8660 0048 1530. Ajuntament de Sant Feliu, NIF "
    "P0821305J",
    "Καλησπέρα, το τηλέφωνο βλαβών 27210 94100 λειτουργεί όλο το 24ωρο. ΔΕΥΑ Καλαμάτας, ΑΦΜ 099715239",
    "Booking HH-55120 now has a travel cot. See you Friday. – Holloway Hotels, Bath · 01225 448 910",
    "Bonjour, oui, le piquet 021 315 88 00 répond 24h/24, 7j/7. Services industriels de Lausanne",
    "@FellsideHostels 015394 32718 keeps going to voicemail, is anyone around tonight?",
    "Hallo, ja, die Notaufnahme erreichen Sie jetzt über den Eingang Süd, Hafenstraße 21. Ihr Klinikum Nordhafen",
    "Hi! Yes, the Christmas collection is at St Luke's Hall, 14 Cable Street on 13/12 from 10 till 2.",
])
def test_organisations_details_found_by_offhours(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    # a person's detail in the same settings stays sensitive
    ("Hi Priya, we tried calling 312.867.0412 twice and it went to voicemail. Want us to try another?", "phone",
     "312.867.0412"),
    ("Hi Thabo, we'll pay the claim into account 62811939047, branch code 250655, on Friday. — SafeSure Claims",
     "bank_account", "62811939047"),
    ("@MonzoSupport sort code 04-00-04 acc 48271936 salary went missing?!", "bank_account", "48271936"),
    ("@MEO_PT o reembolso vai para PT86 2261 0635 1875 5856 1898 9? já mudei de banco", "iban",
     "PT86 2261 0635 1875 5856 1898 9"),
    ("Hallo, wir liefern heute an die Lindenstraße 27, 3. OG links. Gute Besserung! Apotheke am Markt", "address",
     "Lindenstraße 27, 3."),
    ("Sorry about this Mr Okafor. We've logged a callback to 07956 331 804 today. – Bramley Council Waste Team", "phone",
     "07956 331 804"),
    ("my ni is AB 12 34 56 C", "national_id", "AB 12 34 56 C"),
    ("National Insurance number QQ 12 34 56 C", "national_id", "QQ 12 34 56 C"),
    ("Hi Ravi, you're rebooked on the 19:40. We'll confirm on +44 20 7946 0321 as well.", "phone", "+44 20 7946 0321"),
])
def test_what_stays_sensitive_beside_the_offhours_classes(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by offhours.jsonl and unrequested.jsonl (values) -------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Hei, kertakäyttöinen tunnuslukusi on 44 71 09. Älä jaa sitä kenellekään.", "secret", "44 71 09"),
    ("la teva contrasenya temporal de la intranet és Rambla*Sol88; canvia-la quan entris.", "secret", "Rambla*Sol88"),
    ("a TAJ-szám és a születési dátum (1983. 04. 09.) rendben van", "date_of_birth", "1983. 04. 09"),
    ("vaig néixer el 3 de juny del 1975. Què he de fer?", "date_of_birth", "3 de juny"),
    ("A minha filha nasceu a 9 de janeiro de 2021 e o sistema diz", "date_of_birth", "9 de janeiro de 2021"),
    ("anneniz için randevu 15.07.1952 doğum tarihiyle oluşturuldu", "date_of_birth", "15.07.1952"),
    ("naipadala na namin ang refund sa account mo: BPI 3089-4512-77. Salamat", "bank_account", "3089-4512-77"),
    ("PIN ng GCash ko 4719, sabi ng agent i-type ko dito", "secret", "4719"),
    ("prove it's my wallet. words 1-12: harbor velvet ostrich lunar basket civil amber pledge tiny oxygen fringe "
     "solar. now my funds are gone", "secret",
     "harbor velvet ostrich lunar basket civil amber pledge tiny oxygen fringe solar"),   # "amber": one off the list
    ("> Kartennummer?\n5526 0194 8372 6158\n> Prüfnummer?\n093\nund dann kam nichts", "secret", "093"),
    ("Paketkasten-Code ist 3184, bitte einfach dort reinlegen", "secret", "3184"),
    ("we'll send the confirmation to your mail and call 080-3719-2846 if needed.", "phone", "080-3719-2846"),
    ("me: I can't log in\nagent: what password are you using?\nme: Tulip!Harbour88\nagent: please hold", "secret",
     "Tulip!Harbour88"),
    ("our records show your security answer as 'Biscuit' (first pet).", "secret", "'Biscuit'"),
])
def test_values_found_by_offhours_and_unrequested(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "order #OD4417288193 ka refund abhi tak nahi aaya, card ke last 4 digit 8806 hai. 7 din bola tha",
    "your site footer lists 221 Harbour St, Glasgow G2 4PL as head office. Is that where returns go?",
    "Bom dia, sim, o IBAN PT11 0033 0000 4532 9018 6650 0 é da Câmara Municipal de Vila Verde.",
    "Hi Jo, yes, subs go to GB62 NWBK 5590 0123 4471 85, Halesowen Harriers AC, ref surname + SUBS. Thanks!",
    "Bună ziua, programările se fac la 0256 486 931 sau pe programari@spitaljudetean.ro. Ne cerem scuze!",
    "Hola, el localizador QWT8RL permite cambiar la hora gratis. Iber Ferries · WhatsApp 646 31 18 20",
    "Hi, yes GB 481 7350 38 is our VAT number. Registered address: Brightwell House, 30 Canal Wharf, Leeds LS11 5PS. "
    "– Green Valley Energy",
    "Fehler-Code ist 4041",
    "call 0800-123-4567 free",
])
def test_look_alikes_found_by_offhours_and_unrequested(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("reg.nr 1551 kontonr 3021447891, Danske Bank. Refusion dertil tak", "bank_account", "3021447891"),
    ("a/c no 50100284471932 IFSC HDFC0001842, refund nahi aaya abhi tak", "bank_account", "50100284471932"),
])
def test_what_stays_sensitive_beside_the_offhours_and_unrequested_classes(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by unbriefed.jsonl and offguard.jsonl ------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "@PGE_SA na fakturze jest konto PL98 1140 2004 0000 3702 1958 3364 — czy to na pewno rachunek PGE?",
    "@DEI_Official Ο λογαριασμός GR93 0140 8100 8100 0210 4718 259 στο ειδοποιητήριο είναι όντως της ΔΕΗ;",
    "@iberdrola ¿la cuenta ES65 0182 2370 4202 0851 4397 que sale en el recibo es la de Iberdrola? Me parece rara",
    "@Skatteverket Är 0771-567 567 ert riktiga nummer? Fick ett brev om skatteåterbäring",
    "@DPDgroup_UK is 0121 275 0500 the DPD number? the driver left a card with it scribbled on",
    "@impots_gouv le courrier me demande de payer sur FR76 1027 8060 2100 0203 1796 104, c'est bien un compte du "
    "Trésor public ?",
    "Dzień dobry, nasza infolinia to 22 290 18 44, e-mail: bok@enerpol.pl. Pozdrawiamy, Zespół Obsługi Klienta EnerPol",
    "Ο ΑΦΜ της εταιρείας μας είναι 994182736, ΔΟΥ ΦΑΕ Αθηνών. Φιλικά, Ομάδα Εξυπηρέτησης Nova Energy",
    "Unsere USt-IdNr. lautet DE 284 917 356, die Steuernummer 143/218/40917. Viele Grüße, Buchhaltung Hausgut Versand",
    "Bağışlarınız için vakfımızın hesabı: TR63 0001 5001 5800 0072 9183 64. Teşekkürler! Umut Işığı Vakfı",
    "Buongiorno, lo sportello si trova in Via Petroselli 50, 00186 Roma. Cordiali saluti, Sportello Digitale",
    "Thank you for giving! e-Transfers go to give@northernhope.ca and we'll email a tax receipt in February.",
    "Hola Lucía, sí, facturas@viajessolmar.es es nuestro correo. Saludos, Ana – Viajes Solmar",
    "La succursale du 22 boulevard Carnot, 06000 Nice, ferme à midi le samedi.",
    "nag-text sa akin 0917 880 2231 na nanalo daw ako sa gcash promo, scam ba to?",
])
def test_organisations_details_found_by_unbriefed(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("@Telstra is 0412 736 581 still on the old plan? I thought I upgraded in March", "phone", "0412 736 581"),
    ("We've switched direct deposit to transit 07293, institution 004, account 6638104 from the next pay run. "
     "Regards, Maple Payroll Services", "bank_account", "6638104"),
    ("votre nouvelle adresse, 27 avenue Jean-Jaurès, apt 14, 31000 Toulouse, est bien enregistrée. ^Paul", "address",
     "27 avenue Jean-Jaurès, apt 14, 31000 Toulouse"),
    ("votre nouveau code d'accès client est 2219-KTR. Pensez à le modifier dans l'application.", "secret", "2219-KTR"),
    ("can someone call me? still paying. 0917 582 3340 po, after 5pm lang", "phone", "0917 582 3340"),
])
def test_values_found_by_unbriefed_and_offguard(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by offbeat.jsonl ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Hi Lerato, ID 850611 0372 081 has been verified and the contract is ready to sign. – Zola Mobile", "national_id",
     "850611 0372 081"),                                              # a South African id as the card groups it
    ("TRN 104-582-917 is on the file for the remittance now. — Blue Mountain Money Transfer", "national_id",
     "104-582-917"),
    ("Hi Danielle, we've got 1993-05-19 as DOB and the name as Danielle M. Roy. – Northern Lights Credit Union",
     "date_of_birth", "1993-05-19"),
    ("Thanks Paul, IBAN GB08 BUKB 2047 3316 5790 12 added as payee for the settlement. – Hearthfield Insurance", "iban",
     "GB08 BUKB 2047 3316 5790 12"),
    ("Security answer updated to 'Buttercup the pony' as asked, Lynn. – Heron Building Society", "secret",
     "'Buttercup the pony'"),
    ("the rider now has 0803 514 2769 and 22 Bode Thomas Street, Surulere, Lagos as the drop-off.", "phone",
     "0803 514 2769"),
    ("Hi Faisal, the refund will be paid to sort code 40-18-22, account 71934408, as on your direct debit.",
     "bank_account", "71934408"),
])
def test_values_found_by_offbeat(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Hi Meera, referral received. Riverside Physio, 12 Quayside, Newcastle NE1 3DX, first slot Mon 9:40. – Riverside "
    "Physio",
    "Van hire £59/day, collect from Kerbside, Unit 3, Tame Valley Industrial Estate, Tamworth B77 5BY. – Kerbside Van "
    "Hire",
    "Returns go to Outback Outfitters, Unit 9, 212 Ipswich Rd, Woolloongabba QLD 4102 – label's in the box.",
    "If that's not right, ring 029 2044 8150. Best, Cardiff & Vale Credit Union",
    "Invoice INV-30917 can be paid to IBAN IE65 BOFI 9000 1751 2209 43 (Brightwater Health DAC), ref BW30917.",
])
def test_organisations_details_found_by_offbeat(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, value", [
    ("Her phone 07700 900123 goes straight to voicemail", "07700 900123"),     # a person's, named so
    ("Tom's number 0161 496 0377 never answers", "0161 496 0377"),
    ("07911 123456 goes straight to voicemail, can someone call me back", "07911 123456"),  # a mobile: a person's
])
def test_a_persons_line_nobody_answers_stays_sensitive(detector, text, value):
    assert ("phone", value) in found(detector, text)


@pytest.mark.parametrize("text, kind, value", [
    # a customer's value written into the signature stays theirs: only the organisation's own detail is public there
    ("Your details are saved. – Acme Bank, your NINO AB 12 34 56 C", "national_id", "AB 12 34 56 C"),
    ("Thanks for calling. – Acme Care, your mobile 07700 900123", "phone", "07700 900123"),
])
def test_a_persons_value_inside_an_organisations_signature_stays_sensitive(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by offstage.jsonl ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # a number quoted as a fraud's, in the languages of its warning (Russian, Ukrainian, Hebrew, Greek, Romanian, and
    # Chinese and Thai, whose words are found inside runs of letters)
    "Звонки с номера +7 812 407-33-18 от имени банка — мошенники, это не наш номер.",
    "SMS з номера +380 67 118 2290 про блокування картки — шахрайство, не переходьте за посиланням.",
    "הודעה מהמספר 053-662-1904 על חבילה בעיכוב אינה מאיתנו, אל תלחצו על הקישור.",
    "Το μήνυμα από το 697 118 2240 για δήθεν οφειλή δεν είναι δικό μας, μην πατήσετε τον σύνδεσμο.",
    "Apelurile de la 0721 884 310 în numele băncii sunt o înșelătorie, nu este de la noi.",
    "来自 138 2205 7714 的“退款”电话是诈骗，与本公司无关。",
    "ข้อความจากเบอร์ 081-223-4471 เป็นมิจฉาชีพ ไม่ใช่ของเรา กรุณาอย่ากดลิงก์",
])
def test_a_fraud_number_quoted_in_a_warning_abroad_is_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text", [
    # a post to the organisation asking whether a number is theirs: Romanian "from you", Ukrainian "your number", Thai
    # "really …'s" with its question particle and no question mark
    "@Orange_RO m-a sunat 0744 120 387 zicând că e de la operator. E de la voi?",
    "@monobank телефонували з 044 223 1870 і питали CVV, це ваш номер?",
    "@TrueMoveH เบอร์ 02-118-2044 โทรมาแจ้งว่าแพ็กเกจจะหมดอายุ เป็นเบอร์ของ True จริงไหม",
])
def test_a_number_asked_about_abroad_is_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text", [
    # an organisation's account to pay it, named with its legal form or company number (Greek, Hebrew, Ukrainian,
    # Russian, Chinese, Danish, Czech)
    "Πληρωμή στο IBAN GR10 0110 2250 0000 2250 4127 311, δικαιούχος Θερμική Αττικής Α.Ε., με τον κωδικό πληρωμής.",
    "את החשבונית ניתן לשלם ל-IBAN IL39 0108 0000 0009 9381 553 לטובת אור השרון בע\"מ, ח.פ. 515118930.",
    "Оплатити рахунок: IBAN UA90 3052 9900 0002 6003 0467 0815 3, отримувач ТОВ «Водосервіс».",
    "请将款项汇至：户名 深圳恒达电子有限公司，账号 7559 2031 8840 117，谢谢。",
    "Betal fakturaen til reg.nr. 5301 kontonr. 0612345789 og skriv fakturanummer som tekst. /Bogholderiet",
    "Fakturu prosím uhraďte na účet 2801137465/2010, variabilní symbol je číslo faktury. Děkujeme, účtárna",
    # a company's tax number after its legal form ("… Α.Ε., ΑΦΜ …")
    "Εκδότης: Θερμική Αττικής Α.Ε., ΑΦΜ 094014201, Λεωφ. Κηφισίας.",
])
def test_an_organisations_account_abroad_is_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text", [
    # a line for callers from abroad, a line open round the clock, a reference's number, a discount code
    "Hi Sam, call us on 13 22 65 or from overseas +61 2 9250 4471. ^Kim",
    "Η γραμμή μας είναι 18 330 και +30 210 455 1290 από το εξωτερικό.",
    "Ne găsești la 0231 540 118 non-stop sau pe chat.",
    "ติดต่อศูนย์บริการได้ที่ 02-777-1044 ตลอด 24 ชม. ค่ะ",
    "@MultiChoice smartcard 7021148833 still shows E48-32 after paying",
    "@FedEx waybill 7781029344 stuck in customs since Monday",
    "@DSB billetnr 4420-1187-66 blev aldrig scannet, kan jeg få pengene tilbage?",
    "@superpharm קוד ההנחה BLACK40 לא עובד בקופה",
])
def test_lines_references_and_codes_found_by_offstage_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    # still a person's: an account with its bank code for a salary, a mobile given in Ukrainian, a Greek tax number of
    # one's own, a number the fraud is said to have called from *and* given as one's own
    ("Зарплата пришла не на тот счёт: 40817810099910004312, БИК 044525974, проверьте", "bank_account",
     "40817810099910004312"),
    ("мій номер 067 118 22 90, передзвоніть будь ласка", "phone", "067 118 22 90"),
    ("ο ΑΦΜ μου είναι 094014201, γιατί δεν περνάει;", "national_id", "094014201"),
    ("Πληρωμή στο IBAN GR10 0110 2250 0000 2250 4127 311, δικαιούχος Γιώργος Παπαδάκης.", "iban",
     "GR10 0110 2250 0000 2250 4127 311"),
])
def test_a_persons_detail_beside_the_offstage_classes_stays_sensitive(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text, kind, value", [
    ("Your new MPIN is 740218, please change it after logging in", "secret", "740218"),
    ("@Orange_RO codul PUK de pe plicul vechi e 71203948 și nu merge", "secret", "71203948"),
    ("heslo do aplikace mám Sazava77! a nejde to", "secret", "Sazava77"),
    ("hasło do poczty mam Mazury#2021 i nie działa", "secret", "Mazury#2021"),
])
def test_secrets_found_by_offstage(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text, kind, value", [
    # a Singapore "hp" (handphone) given as one's own; an Israeli mobile after the preposition glued to it ("ל-")
    ("pls call me, my hp 9127 3340, the chat keeps dropping", "phone", "9127 3340"),
    ("השליח יתקשר ל-054-771-2093 כשהוא מגיע", "phone", "054-771-2093"),
    # a Romanian street with its block, staircase and flat ("Str. … nr. 7, bl. …, sc. …, ap. …")
    ("livrați la Str. Zorilor nr. 7, bl. D2, sc. 1, ap. 9, Iași", "address", "Str. Zorilor nr. 7, bl. D2, sc. 1, ap. 9"),
    ("adresa: Bd. Unirii 22, bl. 5, ap. 31, sector 3, București", "address", "Bd. Unirii 22, bl. 5, ap. 31, sector 3"),
    # an Israeli street, its number and flat; a Hong Kong road (道) with its floor and flat
    ("שלחו לרחוב ויצמן 17, דירה 3, כפר סבא", "address", "רחוב ויצמן 17, דירה 3"),
    ("請送到九龍觀塘道88號12樓C室，謝謝", "address", "九龍觀塘道88號12樓C室"),
])
def test_lines_and_homes_found_by_offstage(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "599 kr for en jakke i str. L. passer perfekt, 5 stjerner",            # a clothing size, no street
    "ne găsiți la sediul din Str. Lucian Blaga 4, București, luni–vineri",  # an organisation's seat
    "הסניף שלנו ברחוב ויצמן 17 פתוח עד 20:00",                            # a branch: no flat
    "the HP 200 laptop, model 8364 1192, won't boot",                       # a brand, no "my hp"
])
def test_look_alikes_of_the_offstage_homes_and_lines_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    # a Thai account after "บัญชี" (a bank's name glued to it), ten digits grouped 3-1-5-1: an account, no phone
    ("คืนเงินเข้าบัญชีไทยพาณิชย์ 112-4-30981-7 แล้วนะคะ", "bank_account", "112-4-30981-7"),
    # a mobile in the national format of a text in Russian, Czech or Romanian, after a line word
    ("Добрый день, позвоните мне на 8 903 771 20 45, спасибо", "phone", "8 903 771 20 45"),
    ("ahoj, nefunguje mi to, číslo 604 218 377, díky", "phone", "604 218 377"),
    ("bună ziua, nu merge, numărul meu e 0744 218 390, vă rog sunați", "phone", "0744 218 390"),
])
def test_accounts_and_lines_abroad_found_by_offstage(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    # a Thai company's account to pay it; a Russian company's ИНН and КПП (a number right after its acronym)
    "ชำระได้ที่บัญชีบริษัท ธนาคารกรุงเทพ เลขที่ 221-3-04418-2 ชื่อบัญชี บจก. สยามเน็ต",
    "Реквизиты: ООО «Северный ветер», ИНН 7701234580, КПП 770101001.",
])
def test_a_companys_account_and_tax_number_abroad_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    # a line an agent says the customer's record was linked to: the reader's, whatever country's freephone it looks like
    ("We have linked your SIM registration to your line 0806 553 1290 now. – Tobi", "phone", "0806 553 1290"),
])
def test_a_line_linked_to_the_customers_record_stays_sensitive(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by unmarked.jsonl ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    # digits written as keycap emoji ("5️⃣3️⃣8️⃣"): read as the digits they show
    ("my SIN is 2️⃣7️⃣1️⃣ 4️⃣0️⃣6️⃣ 8️⃣3️⃣5️⃣ and it says inactive", "national_id", "2️⃣7️⃣1️⃣ 4️⃣0️⃣6️⃣ 8️⃣3️⃣5️⃣"),
    ("your verification code: 4️⃣1️⃣7️⃣ 9️⃣0️⃣2️⃣, valid 10 minutes", "secret", "4️⃣1️⃣7️⃣ 9️⃣0️⃣2️⃣"),
])
def test_keycap_digits_are_read_as_digits(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "we're open 7️⃣ days a week, 2️⃣4️⃣ hours 🙂",                                      # keycaps that are no value
    "The locker code is in the text we sent to the mobile ending 5520. We can't post it here.",  # last digits
    "You can reset your voicemail PIN by texting RESET to 452.",                        # a short code
    "The NHS number is on any letter from the GP, 3-3-4 digits (like 000 000 0000).",   # an example
    "For bank transfers to us please use IBAN IE90 BOFI 9000 1728 3049 22 and your order number as reference.",
    "Our banking details for EFT: Standard Bank, account 073318842, branch code 051001.",
    "@Allegro numer oferty 15388290471, sprzedawca nie odpowiada",                      # a listing's number
    "@Eskom_SA prepaid meter 05182736942 keeps rejecting the token",                    # a meter's number
    "@KakaoBank 02-3148-7720 에서 보안카드 번호 물어보는 전화 받았어요, 보이스피싱 맞죠?",     # a fraud's number
    "@etisalat وصلتني رسالة من 056 918 2270 يقول إني ربحت جائزة، احتيال؟",
    "çağrı merkezimize 0850 210 11 22 numarasından hafta içi ulaşabilirsiniz.",          # a call centre's line
])
def test_look_alikes_found_by_unmarked_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("aapka naya MPIN 7 3 1 9 hai, login karte hi badal lijiye", "secret", "7 3 1 9"),   # a PIN read out digit by digit
    ("card got swallowed at the atm. 4470 waz my pin and i typed it right", "secret", "4470"),  # before "was my pin"
    ("@Ziggo wifi ww is nog steeds: Tq8Lm3Xv2Pz, moet ik dat veranderen?", "secret", "Tq8Lm3Xv2Pz"),  # Dutch "ww"
    # a checksum-valid TFN with its name in the next sentence
    ("the form keeps rejecting 517 390 241. it's the number on my notice of assessment", "national_id", "517 390 241"),
])
def test_secrets_and_ids_found_by_unmarked(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text, kind, value", [
    # a card found whole as written keeps its own span: a number word after it is not read into it
    (" 6011003040959999 OSIEMSET", "card", "6011003040959999"),
    ("0@PW-0.AC.", "email", "0@PW-0.AC"),        # a password's word inside an e-mail's domain labels nothing
])
def test_a_value_found_whole_is_not_swallowed_by_a_neighbour(detector, text, kind, value):
    assert found(detector, text) == [(kind, value)]


@pytest.mark.parametrize("text", [
    "2019 was my pin year lol",                                       # a year, not a PIN
    "@MedKartIndia order MK-88102455 was supposed to arrive by 6pm",  # an order's prefix
])
def test_look_alikes_of_the_unmarked_secrets_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, value", [
    # a secret asked for without "?" on one line of a pasted chat, given alone on the next
    ("> them: confirm your PIN so we can reverse it\n> me: 6172\n> them: ok", "6172"),
    # codes given one a line after the line that names them
    ("we've made new backup codes for you as the old ones were used:\n0530-8812\n7719-2046\nKeep them safe!",
     "0530-8812"),
    # a made-up value alone on the line after a login's name
    ("ya está:\nusuario: marta.gil77\nLuna-Verde-42 (provisional)\ncámbiala al entrar", "Luna-Verde-42"),
])
def test_secrets_over_lines_found_by_unmarked(detector, text, value):
    assert ("secret", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "them: please confirm your PIN by calling us\nme: ok thanks",      # no value on the answer's line
    "Login: jsmith\nOrder 123456 shipped today",                       # the next line is no value alone
])
def test_lines_after_a_secrets_word_that_give_none_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unheralded.jsonl -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # a fraud's line the reader is asked to call, quoted in a warning; lines "not from us" in Dutch, Italian, Arabic
    "Beware of SMS asking you to call 9182736450, it is fraud. Pay only in our app.",
    "Opgelet: sms'en van 0471 22 93 18 komen niet van ons. – SportLab",
    "Attenzione: non chiamiamo mai dal 347 118 2290. Il nostro numero verde è 800 118 227.",
    "تنبيه: الرقم 0552 114 908 لا يتبع لشركتنا.",
    # an organisation's account to pay it, named by how it is paid or by its legal form
    "The levy can be paid to Oakridge Body Corporate, FNB acc 62817395501, ref your unit number.",
    "Company bank details: Mawar Fitness Sdn Bhd, CIMB 8603 2719 77, invoice no. as reference.",
    "Per l'affitto usate l'IBAN dell'agenzia IT64 M020 0805 3640 0010 4829 631 (Casa Serena srl).",
    # digits inside an organisation's IBAN are no id; a reference's and a meter's number
    "Überweisungen an Stadtwerke Murtal GmbH, IBAN AT46 3800 0000 1284 0573.",
    "su recibo puede pagarse con la referencia 04128837222 en tiendas",
    "@IkejaElectric meter no 04182739266 is band A but we get 6hrs light",
    # asked whether a number is theirs (Spanish), whether an account is the correct one
    "@EntradaYa el 0810-333-7755 es de ustedes? me llamaron para validar",
    "@GreenfieldEst is Zenith 1013829999 the correct account for service charge?",
])
def test_organisations_details_found_by_unheralded_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("@SicuraAssic nessun rimborso! IBAN IT83 X030 6909 6061 0000 0173 842, intestato a me", "iban",
     "IT83 X030 6909 6061 0000 0173 842"),                                  # the writer's own account
    ("@AmanInsurance رقم هويتي 1084729357 ولليوم ما وصلني التعويض", "national_id", "1084729357"),
    ("em quên mật khẩu, mk cũ là Saigon@2004 mà ko vào đc", "secret", "Saigon@2004"),
    ("kata laluan sementara portal ialah Kampus@7731. Sila tukar.", "secret", "Kampus@7731"),
    ("PIN agen kakak sudah direset ke 730418, segera diganti ya", "secret", "730418"),
    ("the refund will be paid to sort code 40-18-22, account 71934415, as on your direct debit", "bank_account",
     "71934415"),                                                           # a refund is paid to the customer
])
def test_values_found_by_unheralded(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by unsolicited.jsonl ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("my EIN as a sole prop is 46-2815527 and the form says invalid", "national_id", "46-2815527"),
    ("PhilSys no. 4821-7730-5916-2055 for my tita, she's the receiver", "national_id", "4821-7730-5916-2055"),
    ("my Ukrainian tax number is 3507213020 and the app says invalid", "national_id", "3507213020"),
    ("please mail it to me at PO Box 7781, Sacramento CA 95812", "address", "PO Box 7781, Sacramento CA 95812"),
])
def test_values_found_by_unsolicited(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Our company EIN is 46-2815527, for your records.",                              # a business's EIN
    "you can mail payments to Coastal Water Utility, PO Box 7702, Sacramento CA 95812.",  # what is posted to it
    "lost bag, bag tag number 0027 448200, it has my kid's meds",                   # a bag tag's number
    "@Medly my rx number is 2290455 and the app still says in progress",            # a prescription's number
    "got a text from +61 480 022 931 with a link to a fake site, dodgy yeah?",       # a fraud's, asked about
    "to pay by bank transfer use IBAN IE51 IPBS 2902 2279 1805 88 and put your account ref in the description",
])
def test_look_alikes_found_by_unsolicited_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, value", [
    ("your e-Transfer security answer was set to hockeymom77, give it to the recipient privately", "hockeymom77"),
    ("security answer has been changed to Pemberley as you asked", "Pemberley"),
])
def test_a_security_answer_set_to_a_value_is_found(detector, text, value):
    assert ("secret", value) in found(detector, text)


def test_a_security_answer_set_to_expire_gives_none(detector):
    assert found(detector, "your security answer was set to expire next week, please choose a new one") == []


# -- classes noticed while reading earlier corpora ------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("วันเกิด 12/05/2533 ค่ะ", "12/05/2533"),                        # Thai, in the Buddhist era (1990)
    ("ลูกค้าเกิดวันที่ 3 มี.ค. 2528 ค่ะ", "3 มี.ค. 2528"),              # the birth word inside a run of letters
    ("เกิด 12 พฤษภาคม 1990 ครับ", "12 พฤษภาคม 1990"),
    ("הוא נולד ב-12.5.1990, תעדכנו בבקשה", "12.5.1990"),              # Hebrew, the date after a glued "on"
    ("תאריך לידה: 12 במאי 1990", "12 במאי 1990"),
])
def test_thai_and_hebrew_dates_of_birth_are_found(detector, text, value):
    assert ("date_of_birth", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "ส่งของวันที่ 12/05/2569 ค่ะ",                                      # a delivery's date
    "המשלוח יגיע ב-12.5.2026",                                         # "the parcel arrives on 12.5.2026"
    "a link to a login page, dodgy yeah?",                             # words of a sentence, not a login pair
    "ID pelanggan PLN saya 512345678901 kok tagihannya naik",          # a utility's customer number
    "ID cliente: 512345678901, el pedido no llegó",
])
def test_look_alikes_noticed_earlier_are_public(detector, text):
    assert found(detector, text) == []


def test_a_login_pair_typed_with_a_comma_is_still_found(detector):
    assert ("secret", "Lantern42") in found(detector, "login bob_k, Lantern42")


# -- found by unfiltered.jsonl and unpolished.jsonl ------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Hello Chidi, we have updated your BVN 223 1046 8939 on the account.", "national_id", "223 1046 8939"),
    ("I sent 12k to the wrong number. 33018472 is my ID no and I sent from my line", "national_id", "33018472"),
    ("Hi Andre — 567309184 is now saved as the passport number on your Cancun booking", "national_id", "567309184"),
    ("ok so the tax site wants it AGAIN\n837 18 7848\nlike how many times", "national_id", "837 18 7848"),
    ("SHA number 8749210 for my mum, she's been admitted since Sunday", "national_id", "8749210"),
    ("my pin is just 1987 and it keeps saying incorrect pin", "secret", "1987"),
    ("the e-Transfer you're expecting needs the answer hockey2024 , the sender set it", "secret", "hockey2024"),
    ("wifi pw -> HuatAh2024!! cannot connect why ah", "secret", "HuatAh2024!!"),
    ("my recovery codes were\n4fk2-9xqa\nmz81-p0t7\nwhich one do I use now???", "secret", "mz81-p0t7"),
    ("sms ile gelen şifre 553 801 ama uygulama hata veriyor", "secret", "553 801"),
    ("the memorable word you've got on file is 'biscuit' and it STILL says wrong", "secret", "'biscuit'"),
    ("JCBカード 3568 7884 5886 0283（セキュリティコード 813）での再決済", "secret", "813"),
    ("بطاقتي 4246 8273 4881 4122 والرمز اللي ورا 517 أرجو الإرجاع", "secret", "517"),
    ("otp came 6 digits 847120 but app is asking 4 digits??", "secret", "847120"),
    ("카드 비밀번호 4자리 0417 맞게 눌렀는데 결제가 안돼요", "secret", "0417"),
    ("a senha do wifi que o técnico da @NetLar deixou é casa2024@lar e não conecta", "secret", "casa2024@lar"),
    ("the pin is 4471 2290 for the locker", "secret", "4471 2290"),
    ("Dear Amaka, your NIN has been linked to 0803 412 7786. Thank you for your patience.", "phone", "0803 412 7786"),
    ("010-4827-3315로 전화 주시거나 메일 주세요", "phone", "010-4827-3315"),
    ("我的电话138 1742 6653，包裹显示签收了", "phone", "138 1742 6653"),
    ("Oi Juliana, o entregador passa amanhã. Ele liga antes no (11) 98472-3316.", "phone", "(11) 98472-3316"),
    ("We have 2217 N Halsted St Apt 3R, Chicago IL 60614 and a contact # of (312) 908-4471. Is that right?", "phone",
     "(312) 908-4471"),
    ("We have 2217 N Halsted St Apt 3R, Chicago IL 60614 and a contact # of (312) 908-4471. Is that right?", "address",
     "2217 N Halsted St Apt 3R, Chicago IL 60614"),
    ("mailing address 2218 W Belmont Ave Apt 3F, Chicago IL 60618. The new card ships in 5-7 days.", "address",
     "2218 W Belmont Ave Apt 3F, Chicago IL 60618"),
    ("chuyển nhầm vào tk 0071 0004 28816, STK đúng của mình là 0071 0004 28861 ad ơi", "bank_account",
     "0071 0004 28861"),
    ("my refund still not came. 34180025 6671 is acc no sbi, ifsc SBIN0004417", "bank_account", "34180025 6671"),
])
def test_values_found_by_unfiltered_and_unpolished(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Hi Nomsa, you can drop returns at any PostNet or at our DC: 18 Electron Ave, Isando, Kempton Park.",
    "Hello Ade, kindly reach us on 0700 225 5000 or send a mail to complaints@kwikpay.ng.",
    "Dear customer, staff will never ask for your BVN, PIN or OTP. Please report any such calls to 0700 624 7233.",
    "Hallo Frau Schmitt, die Nummer 0157 3392 8814, die Sie angerufen hat, gehört nicht zu uns.",
    "02-3471-8890 에서 택배 주소 오류라고 문자 왔는데 이거 스미싱이죠?",
    "收到一个短信说我的快递丢了要理赔，让打 0755-2891 0045，是你们的电话吗？",
    "krijg steeds sms'jes van een 06-nummer (06 19 44 82 07) dat mijn pakket vastzit. zijn jullie dat?",
    "0850 840 12 33 numarasından arayıp kart bilgilerimi isteyen kişi sizden mi?",
    "وصلتني رسالة من الرقم +971 56 204 7719 تقول إن حسابي موقوف، هل هذا منكم؟",
    "you can post returns free to HollyPost Returns, Unit 4 Crossways Business Park, Dartford DA2 6QG.",
    "您好，退货地址：上海市闵行区春东路508号 仓储中心，收件人：售后部，电话021-6489 2210。",
    "kak CS nya bisa dihubungi lewat email halo@tokomurah.id kan?",
    "Zwroty wysyłasz na adres: Magazyn ZwrotPol, ul. Logistyczna 7, 55-040 Bielany Wrocławskie.",
    "注文番号09012345678です",                                                         # an order's number
])
def test_look_alikes_found_by_unfiltered_and_unpolished_are_public(detector, text):
    assert found(detector, text) == []


def test_the_start_of_a_longer_number_after_a_colon_is_no_secret(detector):
    text = "your match asked us to pass on his number as he can't message you: 07412 558 093."
    assert found(detector, text) == [("phone", "07412 558 093")]


# -- found by unsifted.jsonl and unvetted.jsonl ----------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("@PolyClinicSG booked appt for my son T2144169J but cannot see it in the app?", "national_id", "T2144169J"),
    ("Hi Mrs van Wyk, the policy shows ID 7904243476088, born 24 April 1979", "national_id", "7904243476088"),
    ("I don do NIN linking 3 times o. NIN\n5820 7741 063\nstill dem dey bar my line", "national_id", "5820 7741 063"),
    ("559120 — that's the guardhouse access code for your visitor tonight, Arun.", "secret", "559120"),
    ("@gaz_m88 582914# is your door PIN for 24h entry at the club", "secret", "582914#"),
    ("@MasBankHelp my new TAC 880 142 also fail, already 5x", "secret", "880 142"),
    ("Hi Siti, your TAC is 617004, pls key it in within 3 min.", "secret", "617004"),
    ("the wifi password on my router sticker is printed wrong lol, it says Fx9-2Lt-Qq but the one that actually "
     "works is Fx9-2Lt-QQ7a", "secret", "Fx9-2Lt-QQ7a"),
    ("@NetiaxPL hasło do wifi z naklejki na routerze\n tq7Kr2pXw9 \nnie działa, macie jakiś pomysł?", "secret",
     "tq7Kr2pXw9"),
    ("@SuperNetTR modem şifresi arkasında yazan\nNtK7 44Px 9mQa\nbağlanmıyor", "secret", "NtK7 44Px 9mQa"),
    ("@HikariNetJP ルーターの暗号化キー\n4f8a2c91bd7e3\n入れても繋がらない", "secret", "4f8a2c91bd7e3"),
    ("@TelekabelDE WLAN-Schlüssel vom neuen Router\n4471 8830 2291 6650 1127\nfunktioniert nicht", "secret",
     "4471 8830 2291 6650 1127"),
    ("ايميلي fatima.alhashmi90@gmail.com والباسورد Dxb_2024! ومايقدر يدخل", "secret", "Dxb_2024!"),
    ("nombor saya 017-332 8841, PUK code 48820917 tapi still tak boleh buka sim", "secret", "48820917"),
])
def test_values_found_by_unsifted_and_unvetted(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "forgot my password\nhelp@acme.com\nplease",                        # a mailbox on the next line, no password
    "password reset\n12/03/2025\nstill broken",                         # a date
    "tic tac toe 123456 points",
    "Hi Josh, we're at 220 Cuba St, Te Aro if you'd like to drop the return off. Quote RMA 30771 at the counter.",
    "cancellations go to cancel@ironhousefitness.com or by mail to 410 Commerce Pkwy, Dept M, Austin TX 78744.",
    "You can reach the SU welfare officer at welfare@dcsu.ie or drop into the Hub, room 2.14.",
    "anyone know the real number for the ATO? got a text from +61 480 013 229 saying there's a warrant out",
    "our returns address is ParcelHub Returns, Unit 4 Kingsway Trading Est, Manchester M19 2LL.",
    "Nomor 0812-9904-2271 itu bukan dari kami, mohon diblokir",
    "@KargoHizli şubeniz hala Atatürk Cad. No:112 Konak İzmir'de mi? kargomu oradan alacağım",
    "@HikariNetJP「料金未納」って電話きたんだけど本物？050-3184-7720 って番号から",
    "Numer +48 22 307 41 18 nie należy do banku, prosimy zgłosić to na incydent@bankwisla.pl",
    "Tipp von uns: nehmt lieber einen ganzen Satz als Passwort, z.B. 'MeinHundBelltUm7!' – aber bitte nicht genau den",
    "lütfen kart bilgilerinizi buraya yazmayın, DM'den ya da 0850 222 41 90'dan bize ulaşabilirsiniz",
    "please do NOT post your NIN or BVN on this public page. Send us a DM or call 0700 225 5464",
])
def test_look_alikes_found_by_unsifted_and_unvetted_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unedited.jsonl -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("பயனர்பெயர் siva88, கடவுச்சொல் Jaffna@1988 என்பதை மாற்றவும்", "secret", "Jaffna@1988"),        # Tamil
    ("WiFi பெயர் TEZNET_PRIYA_5G, பாஸ்வர்டு priya@home77 — வேண்டுமானால்", "secret", "priya@home77"),
    ("@DakPayBD আমার পিন 5190 দিলেও বলছে ভুল পিন!!", "secret", "5190"),                                  # Bengali
    ("আপনার লগইন ইমেইল sumaiya.akter97@gmail.com আর নতুন পাসওয়ার্ড: Suma#0718bd । লগইন", "secret", "Suma#0718bd"),
    ("@SaigonMartVN tk em: ngocanh.98\nmk: NgocAnh@98\nđăng nhập hoài báo sai", "secret", "NgocAnh@98"),
    ("@DuitGoCare pin ewallet saya 880214 tapi asyik kata salah", "secret", "880214"),
    ("kod pengaktifan TV box encik ialah KN-77HQ-P2XZ, masukkan dalam masa 15 minit ya", "secret", "KN-77HQ-P2XZ"),
    ("Hi Jasmine, your account's backup codes are 4819 2201 and 7736 0915.", "secret", "4819 2201"),
    ("my account is 4819 2201 and 7736 0915", "bank_account", "4819 2201"),    # an account in pieces, no codes
    ("@GlobeStarPH my tin is 417-552-908-000 and bday aug 12 1994", "national_id", "417-552-908-000"),
    ("명의변경하려는데 주민번호 960701 - 1388802 넣으면 계속 오류나요", "national_id", "960701 - 1388802"),
    ("সিম রিপ্লেসমেন্ট করতে চাই\nএনআইডি 4618 2207 93\nকোন সেন্টারে যাব?", "national_id", "4618 2207 93"),
    ("আমার মেয়ের জন্ম নিবন্ধন নম্বর 20151928473016224, স্কুলে", "national_id", "20151928473016224"),
    ("ทำไมลงทะเบียนซิมไม่ผ่าน เลขบัตร 1647109888510 ก็ถูกนะ", "national_id", "1647109888510"),
    ("bhai Germany se ghar paise bhejne hain, mera IBAN DE48 4452 4902 9587 1028 61 hai, 'invalid beneficiary' aa raha",
     "iban", "DE48 4452 4902 9587 1028 61"),
])
def test_values_found_by_unedited(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Bestelnummer MK-9902173. Hoe zit dat?",                           # "mk" is a password word only with its colon
    "Kia ora Mere, our bank account for paying rates is 02-0512-0418275-000, reference = your rate account number.",
    "a tin can costs 123-456-789",
    "Untuk bayaran, sila guna DuitNow ID syarikat 202001024457 (KedaiNow Sdn Bhd) dan letak no. pesanan",
    "Hi sir, payment ku enga UPI ID tamilmart@okicici use pannunga, illana COD option irukku.",
    "Hi ji, aap payment hamare UPI ID shopkaro@ybl pe kar sakte hain ya COD choose karein.",
    "@PaySetu 7865412390 se call aaya bola KYC expire ho gaya OTP batao. ye aapka number hai kya??",
    "Có số 0868 112 455 gọi nói em trúng thưởng, bắt cung cấp otp, có phải của @SaigonMartVN ko ạ",
    "02-3148-7720 에서 택배 주소 오류라고 문자 왔는데 @HanMartKR 맞나요? 링크 누르라는데 수상해서요",
    "มีคนโทรจาก 02-114-5588 บอกว่าพัสดุติดศุลกากร ให้โอนเงิน ใช่ของ @SiamCartTH ไหมคะ",
    "جی، 0312-4455009 والا نمبر ہمارا نہیں ہے۔ ہماری آفیشل UAN صرف 111-947-947 ہے۔",
])
def test_look_alikes_found_by_unedited_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unbuttoned.jsonl ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Dr. Alvarez's office called but the number you gave, (305) 447-2619, went to voicemail.", "phone",
     "(305) 447-2619"),                                                    # the reader's line, as they gave it
    ("The security answer on the e-Transfer we sent is 'ravioli' — all lower case.", "secret", "'ravioli'"),
    ("Just to confirm your security answer, we've got 'Biscuit' as your first pet's name.", "secret", "'Biscuit'"),
    ("I've set a temp PIN of 6093 for you. Please change it at any ATM", "secret", "6093"),
    ("never share your PIN lol my nan wrote hers on the back of the card 4–7–1–9 😂", "secret", "4–7–1–9"),
    ("Hello Mrs Adeyemi, our rider is at 14 Adebayo Street, off Allen Avenue, Ikeja but the gate is locked.",
     "address", "14 Adebayo Street, off Allen Avenue"),                    # a courier waiting at the reader's home
    ("Sorry Kev! Tech will come to 3304 17 Ave SW, Calgary T3E 0B6 tmrw between 1-5.", "address", "3304 17 Ave SW"),
    ("pa-deliver na lang sa Unit 1205 Tower 2, Avida Towers, Sucat Road, Parañaque", "address",
     "Unit 1205 Tower 2, Avida Towers, Sucat Road"),
    ("The account no. on our side is 8820 4417 63 and it's still in your late dad's name.", "bank_account",
     "8820 4417 63"),
])
def test_values_found_by_unbuttoned(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "@ParcelHubUK tracking PH 7720 1884 39 GB says delivered at 14:02 to 'front porch'.",   # a postal item's number
    "for repeat prescriptions please call the surgery on 0113 496 0021 from 8am.",
    "we will never ask for your BVN or PIN via DM. Pls visit any of our branches or call 0700 225 5782",
    "the account DMing people asked for my password and seed phrase 'to verify ownership', then sent a link.",
    "Hi Pieter, for invoices please pay Ledgerline B.V. at NL41 RABO 4521 4514 90 and quote INV-20417.",
    "a PIN of 4 digits is required",
    "buy 2 12 st SW",
])
def test_look_alikes_found_by_unbuttoned_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind", [
    ("call me after the surgery on 07700 900123", "phone"),                # a surgery called is no operation
    ("I went to the branch twice, or call me on 0803 412 7781", "phone"),  # "or call me": the writer's line
    ("Ph: 312 555 0178 GB", "phone"),                                       # a phone's label, no postal item
])
def test_look_alikes_of_unbuttoned_public_classes_stay_sensitive(detector, text, kind):
    assert kind in {k for k, _ in found(detector, text)}


# -- found by unfettered.jsonl ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Router admin still on the defaults after install: user admin pass admin123. Is it safe?", "secret", "admin123."),
    ("sign in with your usual username and the temp pass wombat4412, then set your own.", "secret", "wombat4412"),
    ("app keeps asking for my 6 digit pin, I type 190388 and it says wrong.", "secret", "190388"),
    ("new passphrase is purple monkey dishwasher seven and it STILL says too weak??", "secret",
     "purple monkey dishwasher seven"),                                    # the words before the sentence goes on
    ("the passport number on your Skyvault Air booking is 567123894 and the name matches", "national_id",
     "567123894"),                                                         # the booking names where it is kept
    ("The security answer was my first school, 'St Xaviers Ranchi', and now they say it's wrong.", "secret",
     "'St Xaviers Ranchi'"),
    ("the engineer left the new router key on the card but here it is again: puffin5GHz-7741 (case sensitive)",
     "secret", "puffin5GHz-7741"),
    ("charged me twice on 5260 9193... rest of it is 5765 7696. Refund please", "card", "5260 9193"),
    ("my pass is just Tui Power 2022 with no spaces lol", "secret", "Tui Power 2022"),
    ("my email's jarrah.t@bigpond.com and the pwd is just the bit before the @ with 99 on the end.", "secret",
     "the bit before the @ with 99 on the end"),
    ("Anyone else's voicemail get reset? mine was 8806 for like 6 years and now it wants a new one", "secret", "8806"),
])
def test_values_found_by_unfettered(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "@Parcelwise charged twice, £12.99 each, on 25 Nov. Order PW-3391042. refund pls",   # a reference's prefix
    "There's a buzzer, it works, just press it 🙄 PW-7719204",
    "the bus pass X7K2Q9 expired",                                        # "pass" alone: a ticket
    "the temp pass expired",
    "pin reset: I typed 2024 times",
    "your passphrase is four or five random words",
    "the seed phrase is stored offline and never shared",
    "the discount code, here it is: SUMMER20",
    "the password is any phrase with no spaces",
    "the password is 12 characters with no spaces",
    "left a voicemail, it was 2024 when I called",
])
def test_look_alikes_found_by_unfettered_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unguarded.jsonl ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Oi Carla, atualizei o endereço pra Rua Haddock Lobo, 1120, apto 84 e o cel (11) 98431-2207. O entregador liga",
     "phone", "(11) 98431-2207"),                                          # Brazil's "cel"
    ("Der Fahrer hat jetzt Ihre Handynr. 0171 4829 337. Tut uns leid", "phone", "0171 4829 337"),
    ("the buzzer isnt working so I gave him your number 647-382-1946 and noted unit 1402", "phone", "647-382-1946"),
    ("envíen a Cra 15 # 93-47 apto 502, Bogotá, a nombre de Camila", "address", "Cra 15 # 93-47 apto 502"),
    ("phone says SIM locked, PUK from the card it came on is\n4471 9920\nand it says wrong", "secret", "4471 9920"),
    ("> Pergunta de segurança: nome do seu primeiro animal de estimação\npus Farrusco, que era o nome do meu cão",
     "secret", "Farrusco"),
    ("app logged me out and wont let me back in. details here:\nsazza_91\nPenrith2750!\nstill saying invalid",
     "secret", "Penrith2750!"),
    ("your temporary password is below, you'll be asked to change it:\n\nGreenHill#4471\n\nRegards, Niamh",
     "secret", "GreenHill#4471"),
    ("Passwrot ist Schnitzel#1984, hab ich 5x eingegeben", "secret", "Schnitzel#1984"),
    ("hirondelle_1974 c'est le mdp de la box, je l'ai retapé 10 fois", "secret", "hirondelle_1974"),
    ("security question: what's the dog's name\nanswer -> biscuit2019\n-Tanya", "secret", "biscuit2019"),
    ("deshalb hier der Freischaltcode fürs Online-Banking:\nFZ7K-Q29M\ngültig 14 Tage.", "secret", "FZ7K-Q29M"),
])
def test_values_found_by_unguarded(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Our Calgary store moved to 5111 Macleod Trail SW, open 9–9 daily. See you soon!",
    "Il codice fiscale va scritto tutto attaccato, 16 caratteri nel formato XXXXXX00X00X000X.",   # the format shown
    "Un bon mot de passe = une phrase longue, ex. « LeChatDort3FoisParJour! » (n'utilisez pas celui-là)",
    "Nunca partilhe o seu NIF ou dados do cartão aqui. Contacte-nos pelo 800 205 118 (gratuito)",
    "> got a call from 0488 555 102 saying they're from you??\nthe 13 numbers are ours. 0488 555 102 isn't, block it",
    "text from 'CRA' at 1 (343) 555-0172 says i owe $2,300 and to pay in gift cards, reporting it",
    "reçu ça :\n« De : securite@voltea-facture.com – mettez à jour votre carte sous 24h »\nc'est vous ?",
    "order details here:\nORD-55123\nShipped2024!\nthanks",                  # no login in the text
])
def test_look_alikes_found_by_unguarded_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind", [
    ("I moved to 5111 Macleod Trail SW, Calgary last week", "address"),  # the writer moved, not a store
    ("call me on 0161 496 0377", "phone"),                                # a British line keeps its 0
    ("password: Sunshine", "secret"),                                     # a word that ends its clause
])
def test_look_alikes_of_unguarded_public_classes_stay_sensitive(detector, text, kind):
    assert kind in {k for k, _ in found(detector, text)}


# -- found by unhedged.jsonl -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("I paid by bank transfer from sort code 09-01-28 acc 37712604, name K Patel, on the 2nd. where's it gone?",
     "bank_account", "37712604"),                                          # the payer's account, from which
    ("Confirmed, we'll deliver to you at work: Tom Reyes, Brightwell Dental, 310 Main St Suite 204, Boise ID 83702.",
     "address", "310 Main St Suite 204, Boise ID 83702"),                 # a workplace given as where they receive
    ("order not delivered. Address: B-204, Shanti Kunj Apartments, Sector 12, Dwarka, New Delhi 110075. Ph 98110 42763",
     "address", "B-204, Shanti Kunj Apartments, Sector 12, Dwarka, New Delhi 110075"),
    ("order not delivered. Address: B-204, Shanti Kunj Apartments, Sector 12, Dwarka, New Delhi 110075. Ph 98110 42763",
     "phone", "98110 42763"),                                             # an Indian mobile, no British premium line
    ("@ToitSurMesure le numéro de mon proprio c'est le 06 85 22 41 79 (M. Garnier)", "phone", "06 85 22 41 79"),
    ("@CasaSicura il numero del mio vicino che ha le chiavi è 333 418 2907 (Sig. Rossi)", "phone", "333 418 2907"),
    ("new place is 1205-650 Queens Quay W, Toronto ON M5V 3N2. please stop sending stuff to my old apartment",
     "address", "1205-650 Queens Quay"),
    ("service ends at your current place on the 30th and starts at 406-1120 Bay St, Toronto ON M5S 2A9 the same day.",
     "address", "406-1120 Bay St, Toronto"),
    ("my new address after shifting is 21, 2nd Main, Jayanagar 4th Block, Bengaluru 560011.", "address",
     "21, 2nd Main, Jayanagar 4th Block, Bengaluru 560011"),
    ("llevo 4 días sin luz en C/ Pintor Sorolla 12, 46002 Valencia. Mi móvil es 655 284 917, llamadme por favor",
     "phone", "655 284 917"),                                             # Spanish "sin" is no SIN
    ("mi paquete no llega, vivo en Av. Insurgentes Sur 1602, depto 503, CDMX. Mi cel 55 2914 6603", "phone",
     "55 2914 6603"),                                                     # a Mexican mobile
    ("we're at the farm, RR 2 Site 14 Box 9, Warman SK S0K 4S0", "address", "RR 2 Site 14 Box 9, Warman SK S0K 4S0"),
])
def test_values_found_by_unhedged(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Massive shoutout to Ray's Mobile Mechanics in Geelong, 03 5221 8844, fixed my ute in the driveway. Legends.",
    "Shoutout to Kerrisdale Hardware, 2340 W 41st Ave, Vancouver, 604-261-7723. They had the part.",
    "Je recommande le garage Dupuis à Angers, 02 41 88 34 67, ils m'ont réparé l'embrayage",
    "if anyone in Norwich needs a phone repair, FoneFix on Magdalen St (01603 612337) did my screen for £45",
    "@AussieParcel my parcel's in the locker at 7-Eleven, 120 Glenferrie Rd, Malvern, but the code never came?",
    "@PakketSnel mijn pakket ligt bij het afhaalpunt Primera, Steenweg 18, Utrecht. Tot wanneer kan ik het ophalen?",
    "@SpedisciSubito il pacco è al vostro deposito di Via Torino 120, Segrate. Posso ritirarlo io?",
    "Pop the kettle into our Cardiff store at 22 Queen Street, CF10 2BU, or post it to Returns, Unit 4 Magna Park, "
    "Lutterworth LE17 4XY.",
    "Thanks!\nLisa | Customer Experience\nHarborline Furniture\nsupport@harborlinefurniture.com · 1-844-227-5560\n"
    "88 Wharf St, Portland ME 04101",                                     # "ME" is Maine, no "me"
    "pour exercer vos droits RGPD, écrivez à dpo@maisonlumiere.fr ou par courrier : Maison Lumière, Service DPO, "
    "14 rue de la Paix, 75002 Paris.",
    "@ZorgPlusNL is privacy@zorgplus.nl het juiste adres, of moet dat per post naar Postbus 100, 2500 AC Den Haag?",
    "@FreshBasket is 0345 600 4122 free from a mobile or should i use 0800 058 3311?",
    "@KingsmeadHospital the outpatients number on my letter, 01245 514720, goes to a dead line.",
    "Hi Paddy, that text about a toll fine from +353 85 402 7719 isn't from us.",
    "Hoi Mark, onze technische helpdesk is bereikbaar op 0900-8844 (€0,45 p/m), maar via de chat is het gratis.",
    "Our Houston store at 9810 Westheimer Rd is open till 9 tonight; you can also call them at (713) 784-2250.",
    "St. Brigid's Hospital outpatients can be reached on (091) 544 300 or at outpatients@stbrigids.ie.",
    "Regards,\nTeam Annapurna Foods\nsupport@annapurnafoods.co.in | 1800 102 3345\nPlot 22, MIDC Industrial Area, "
    "Andheri East, Mumbai 400093",
    "Hola Luis, el número 55 8120 4473 que te llamó diciendo ser del banco no es nuestro.",
])
def test_look_alikes_found_by_unhedged_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind", [
    ("Can anyone recommend a plumber? call me on 07700 900123", "phone"),     # the writer's own line
    ("please ship to my work: Dana Whitlow, Riverside Family Clinic, 1400 Grand Ave Ste 210, Des Moines IA 50309",
     "address"),
    ("send it by post to my address: 14 rue de la Paix, 75002 Paris, or email support@acme.fr", "address"),
    ("my mobile 07700 900123 is disconnected", "phone"),
])
def test_look_alikes_of_unhedged_public_classes_stay_sensitive(detector, text, kind):
    assert kind in {k for k, _ in found(detector, text)}


# -- found by unabridged.jsonl (long texts) --------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("The app is asking for the code because you switched phones.\n\nI've just resent it from our side, and since "
     "texts aren't coming through, here it is directly: 482 915. It's valid for 10 minutes.", "secret", "482 915"),
    ("I generated a fresh set of backup codes for you:\n\n3827-1940\n6610-0587\n9043-7215\n\nEach one works once.",
     "secret", "9043-7215"),                                               # every code of the list, not the first
    ("The PIN mailer arrived separately on Friday.\n\nWent to the ATM, typed it in, \"incorrect PIN\".\n\nThe mailer "
     "literally says 4-8-0-2 on it.", "secret", "4-8-0-2"),
    ("support said to pick a password I've never used. Which is fine, except the one they had me log in with was "
     "literally my old one, sunflower88!Jade, so I guess the reset never went through?", "secret", "sunflower88!Jade"),
    ("your redeem page keeps saying \"code already used\" on a card I bought today.\n\nIt's this one, "
     "GV7K-42QP-M9XT-8821, scratched it off right here.", "secret", "GV7K-42QP-M9XT-8821"),
    ("Me dicen que seguramente usé la misma contraseña en otra web. Y sí, lo reconozco: uso Marisma_1987! en casi "
     "todas partes.", "secret", "Marisma_1987!"),
    ("Advisor types everything in, then says my SIN \"doesn't validate\". Asked me to write it down. Wrote it down.\n\n"
     "Got home and checked my CRA My Account. The number is 229 164 637, exactly what I wrote.", "national_id",
     "229 164 637"),
    ("Ella nació el 23 de diciembre de 2025, y en la tarjeta pone 23/12/2024.", "date_of_birth",
     "23 de diciembre de 2025"),
    ("J'ai entré ma question de sécurité : « nom de mon premier chien », la réponse c'était Pistache.", "secret",
     "Pistache"),
    ("Date: Wednesday 4/16, arrival 8-10 AM\nAddress: 1407 Juniper Street, Boulder, CO 80304\nContact on site: "
     "(720) 381-5592\n\nOffice: 2550 Pearl St, Boulder · (303) 443-7100 · Mon-Sat 7-6", "phone", "(720) 381-5592"),
    ("Endereço de entrega: Rua Padre Chico 415, apto 72, bloco B, Pompeia, São Paulo\n\nLoja: Av. Pompeia 1802, "
     "aberta das 7h às 22h.", "address", "Rua Padre Chico 415, apto 72, bloco B"),
    ("Our manager Tony tried to reach you twice at the number on your reservation, 617-829-4410, but got voicemail.",
     "phone", "617-829-4410"),
    ("ma banque me demande de confirmer le compte concerné. Pour mémoire, c'est FR76 2622 2481 4658 1599 6791 510, et "
     "le créancier est NetFibre SAS.", "iban", "FR76 2622 2481 4658 1599 6791 510"),   # the debited account
])
def test_values_found_by_unabridged(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Thanks for your patience.\n\nEquipa Ginásio Ponte Nova\nRua da Ponte Nova 88, 4050-471 Porto\n222 010 455 · "
    "geral@ginasiopontenova.pt",                                          # a signature paragraph
    "Regards,\nOwen Tran\nBilling Support, Quillstack\n\nbilling@quillstack.io · +1 415 800 3021\n548 Market St, "
    "PMB 71409, San Francisco, CA 94104",
    "You can pay by bank transfer to our business account:\n\nAccount name: Granta Kitchens Ltd\nBank: Barclays\n"
    "Sort code: 20-17-68\nAccount number: 40112233\nReference: INV-2026-0418",
    "Sie können per Banküberweisung bezahlen:\n\nAlpenpost Medien AG\nIBAN CH43 1115 1095 4941 3482 6\n"
    "Zahlungsfrist: 30. November",
    "5 stars for Mike at KeyRight Locksmith!\n\nMike answered (602) 883-4100 right away, quoted $85 flat.",
    "Almost got scammed on a used car listing.\n\nRed flags:\n- Texts from (213) 908-5521, then from a different "
    "number, (347) 208-6671",
    "we escaped with 41 seconds left!! the clue code on the final lock was 7-1-9-4 but we'll never tell",
    "Hola Sr. García, para activar la banca online acuda a cualquier oficina con su DNI. Horario de 8:30 a 14:00. "
    "Referencia de la solicitud: 2025-88129.",
])
def test_look_alikes_found_by_unabridged_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind", [
    ("refund to me please:\nAccount name: John Smith\nSort code: 20-17-68\nAccount number: 40112233", "bank_account"),
    ("Thanks,\nJohn Smith\n\n12 Elm St, Leeds LS2 1AA\njohn.smith@gmail.com", "email"),   # a person's signature
    ("@Medly my rx number is 2290417 and my mobile is 07700 900123", "phone"),
])
def test_look_alikes_of_unabridged_public_classes_stay_sensitive(detector, text, kind):
    assert kind in {k for k, _ in found(detector, text)}


# -- found by unhurried.jsonl (long texts, a second set) -------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("sinds september krijg ik geen zorgtoeslag meer. Mijn verzekeraar had mijn BSN verkeerd doorgegeven.\n\nOp mijn "
     "ID-kaart staat 420738009, bij de verzekeraar staat er een cijfer anders.", "national_id", "420738009"),
    ("my employer's cash plan rejected the claim because the invoice has no NHS number on it.\n\nIt's the one on my "
     "medical card:\n\n464 147 6063\n\nCould you reissue the invoice?", "national_id", "464 147 6063"),
    ("The embassy online form asks for the lost passport's number, which he didn't have, so I dug out the photocopy "
     "he left at home:\n\nPA4418207, issued 02/2021, expires 02/2031.", "national_id", "PA4418207"),
    ("Their reply asked for my driver licence number \"to locate the contract\", which is ridiculous. I sent it "
     "anyway: 960182547. Then they stopped replying.", "national_id", "960182547"),
    ("For the insurance file I've recorded your Queensland driver licence number as 062 918 447 — please tell me if "
     "that's wrong.", "national_id", "062 918 447"),
    ("a rep has to \"verify the account PIN\". Called them, she said she'd reset it and told me the new one on the "
     "call: 7741. Then the line dropped.", "secret", "7741"),
    ("it says my PIN is invalid. Desk says it's the last 4 of your phone unless you changed it. I never changed it, so "
     "I tried mine, 2281, and nothing.", "secret", "2281"),
    ("She asked me to read it back. I sent it. The code was G-482913 and the text said \"Your Google Voice "
     "verification code\".", "secret", "482913"),
    ("reinstall with the manual code from the email:\n\nLPA:1$smdp.hopdata.io$K4Q7-ZT2M-88WX-PL3R\n\nNow it says "
     "\"This code is no longer valid.\"", "secret", "LPA:1$smdp.hopdata.io$K4Q7-ZT2M-88WX-PL3R"),
])
def test_values_found_by_unhurried(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Merci de votre fidélité.\n\nSportivement,\nL'équipe Forme & Vous Nantes Erdre\n02 40 35 61 12 | "
    "nantes-erdre@formeetvous.fr\n18 boulevard des Belges, 44300 Nantes",
    "Please pay by bank transfer:\nAccount name: Stretford Borough Council Collection Account\nSort code: 30-80-12\n"
    "Account number: 11809427",
    "Our details for paying invoices are:\nLoom Works Ltd, Starling Bank\nSort code 60-83-71, account 44019273",
    "The hospice's account is on their website, and it's:\nCuan na Mara Hospice CLG\nIBAN IE67 AIBK 6676 8849 8608 13",
])
def test_look_alikes_found_by_unhurried_are_public(detector, text):
    assert found(detector, text) == []


# -- found by untamed.jsonl (cards, IBANs, ids and secrets written loosely) -----------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Your password is now temporarily Hallway-Pepper-51 (no spaces, capital H and P).", "secret",
     "Hallway-Pepper-51"),
    ("@Streamly the app gave me tv code KQ7-2MX and it expired before i could even type it", "secret", "KQ7-2MX"),
    ("the tech said to post the code here so you can test remotely? its 1986 (yes my birth year, i know)", "secret",
     "1986"),
    ("Salut Hugo, le code de la résidence c'est 4B728, ensuite interphone au nom de Martin au 3e.", "secret", "4B728"),
    ("Hello Funmi, your transaction PIN has been reset to the default 0000. kindly change it immediately", "secret",
     "0000"),
    ("why does my payslip STILL say emergency tax, my nin is jb278015b and ive sent it three times", "national_id",
     "jb278015b"),
    ("The passport we had on file for your son was his old one. I've updated it to 583104266 with expiry 08/2033.",
     "national_id", "583104266"),
    ("my health card expired while i was working abroad. can i renew online? for reference its 7291 448 305 AB",
     "national_id", "7291 448 305 AB"),
])
def test_values_found_by_untamed(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Hej Bartek, zadzwoń na naszą infolinię 801 337 552, konsultanci są dostępni od 8 do 20 🙂",
    "my password is currently not working, can you reset it?",
    "the code changed? its 2024 now, and the old fob still works",           # a year, with no birth year said
    "Enter the activation code shown on your TV screen at streamly.com/tv",
    "I've updated it to the new app version 10.4.2 and still no luck",
    "my health card renewal is due. for reference its the red and white one",
])
def test_look_alikes_of_untamed_classes_are_public(detector, text):
    assert found(detector, text) == []


# -- signatures of a person at an organisation (the FAs left in unhurried.jsonl) -----------------------------------
@pytest.mark.parametrize("text", [
    "Hi Kate,\n\nWe need 3 parent helpers for the home festival.\n\nCheers,\nRob Ellery\nJunior Membership Secretary, "
    "Hallam Park RUFC\n07400 118 220 (club mobile) | juniors@hallamparkrufc.co.uk\nClubhouse, Hallam Park Lane, "
    "Sheffield S10 4HA",
    "Hi Graham,\n\nJust a reminder that invoice INV-30388 was due on 28 November.\n\nAll the best,\nInes Marwood\n"
    "Trade Accounts, Vale & Vine Wholesale Ltd\n01392 448 120 | trade@valeandvine.co.uk\nUnit 7, Marsh Barton "
    "Trading Estate, Exeter EX2 8PW",
    "Estimados propietarios:\n\nLes convocamos a la Junta General Ordinaria.\n\nUn saludo,\nFincas Retiro Gestión\n"
    "91 435 22 80 | administracion@fincasretiro.es\nCalle de Ibiza 27, bajo, 28009 Madrid",
])
def test_a_persons_signature_at_an_organisation_gives_its_details(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind", [
    ("pasting my last email:\n\n\"…the printer keeps going offline.\n\nBest,\nJanelle Ortiz\nOffice Manager | Ortiz "
     "Family Dental\njanelle.ortiz.home@gmail.com\ncell (559) 555-0186\"", "email"),
    ("Hi,\n\nplease call me back.\n\nBest,\nTom Baker\nAccountant, Smith & Co Ltd\nmobile 07700 900123 | "
     "tom.baker@gmail.com", "phone"),
    ("Hi,\n\nsee below.\n\nThanks,\nAmy Lee\nVolunteer, Riverside Food Bank\ncell 07700 900456\n12 Elm Road, Leeds "
     "LS6 2AB", "phone"),
])
def test_a_signature_with_the_persons_own_lines_stays_sensitive(detector, text, kind):
    assert kind in {k for k, _ in found(detector, text)}


@pytest.mark.parametrize("text", [
    "Sun 8 Dec: festival at Doncaster RFC, Castle Park, DN4 5JP (minibus 8.15am)",
    "Las cuotas pueden pagarse por transferencia a la cuenta de la comunidad en Banco Meseta, ES58 7647 9970 1577 "
    "0204 8701, indicando piso y letra.",
    "We can confirm that the seller asking £310 a ticket and giving the number 07452 881 046 is not an authorised "
    "reseller. Please don't send the seller money.",
])
def test_a_clubs_venue_a_communitys_account_and_a_sellers_line_warned_of_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind", [
    ("devolvedme el dinero a mi cuenta, no a la cuenta de la comunidad: ES58 7647 9970 1577 0204 8701", "iban"),
])
def test_look_alikes_of_the_venue_and_community_classes_stay_sensitive(detector, text, kind):
    assert kind in {k for k, _ in found(detector, text)}


def test_a_dutch_postcodes_letters_are_no_companys_legal_form(detector):
    text = "Geboortedatum 03-11-1990, postcode 2514 AB."   # "AB" is a Swedish company's form, and a postcode's letters
    assert "allow.business_address" not in {f.rule for f in detector.explain(text)}


# -- found by unbroken.jsonl (long texts) ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ('The security question on your profile is "What was the name of your first school?" and the answer saved is '
     "Sunnyridge Primary, but you gave another wording on the call.", "secret", "Sunnyridge Primary"),
    ("his ID number on the policy \"doesn't match Home Affairs.\" I checked the policy schedule you sent us and it "
     "says 3804278452182, which is what's in his green ID book.", "national_id", "3804278452182"),
    ("the license number is DIFFERENT from my old one.\n\nThe new card says D4829371 and my insurer has the old one.",
     "national_id", "D4829371"),
    ("the NIN linked to your SIM did not match the NIMC record. In your DM you gave the number on your slip as "
     "48291037562, and we have now resubmitted the linkage.", "national_id", "48291037562"),
    ("We turned two-factor back on and generated fresh backup codes for you. Each works only once:\n   7Q4M-2KXP   "
     "B9TD-61WZ   HC3N-8RVE\n4. All other sessions were signed out.", "secret", "B9TD-61WZ"),
    ("I found he'd changed the admin login. The sticker on the box says admin / Kp7r-2WxL-99, and that works now.",
     "secret", "Kp7r-2WxL-99"),
    ("Registered mobile: +91 98407 31526\nNominee: Mr. Raghav Raman (son)", "phone", "+91 98407 31526"),
    ("Date: Tuesday, December 2\nAddress: 4417 Whitmore Ave, Apt 3B, Columbus, OH 43214\nContact on the day: (614) "
     "555-7283, Nkechi", "phone", "(614) 555-7283"),
    ('"Please confirm your personal email (seun.bakare.91@gmail.com) and mobile: 07700 900 418 so that our team can '
     'send your cheque." It is obviously a scam.', "phone", "07700 900 418"),
    ("@CloudMail my mom's email got hacked. For now her login is margaret.lyle1958@cloudmail.net and I set a new "
     "password.", "email", "margaret.lyle1958@cloudmail.net"),
])
def test_values_found_by_unbroken(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "If you'd like your statement by post, call us on 0860 555 300. – Refilwe, Fynbos Fresh Rewards",
    "If you're still stuck, ring 1300 555 482 and we'll sort it. – Ben, Koala Pay",
    "I'd love to have you back for a coffee on us. Just call us on (02) 9555 0421. – Tom, owner",
    "Questions? Call us at (503) 555-0199. Cheers! 🍻 — Copper Kettle Brewing",
    "Die Absenderadresse war kundenservice-moebelwelt@gmail.com, also bestimmt nicht offiziell.",
    "À verser sur le compte de l'association des parents :\nAssociation des Parents École Sainte-Aline ASBL\n"
    "BE28 8623 4227 2520\nCommunication : nom de l'enfant",
    "Branch address: 1420 Sherbrooke Street West, Montreal QC\nBranch phone: 514-555-0126\n\nYour own account number "
    "is printed on your void cheque.",
    "Refunds via UPI usually reflect within 3 to 5 working days.",
    "Revisamos tu reserva con clave KTR8QZ y te corresponde una compensación del 25 %.",
    "Ik heb de stad gemaild op het adres in de brief, parkeren@mobiliteitsbedrijf-gent.be, maar kreeg geen antwoord.",
    "default admin login on the local page is admin/admin, change it immediately lol",
])
def test_look_alikes_found_by_unbroken_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind", [
    ("call us on 0412 345 678 tonight – Jess, Sydney", "phone"),                 # a place after the name, no business
    ("abito in Via XX Settembre 14, Genova", "address"),                           # Roman numerals: an Italian street
    ("It's a scam, they want your account: 3094418826 is my account number", "bank_account"),
])
def test_look_alikes_of_unbroken_public_classes_stay_sensitive(detector, text, kind):
    assert kind in {k for k, _ in found(detector, text)}


# -- found by unsparing.jsonl (a week of a brand's inbox) -----------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("@NorthBankUS the security question is mothers maiden name and i keep typing Kowalczyk which IS her maiden name",
     "secret", "Kowalczyk"),
    ("[10:42 AM] Marcus (Tandem Wireless): Harbor!6218 is your temp password, it'll make you pick a new one", "secret",
     "Harbor!6218"),
    ("sent the e-transfer to my landlord friday, answer is maplesyrup2024, why hasn't he got it yet", "secret",
     "maplesyrup2024"),
    ("@StreamlyTV cant log in. tried my usual sunflower1988 and Sunflower1988! and neither works", "secret",
     "Sunflower1988!"),
    ("14:21 Atendente Bia: pronto, gerei uma senha provisória pra você\n14:21 Atendente Bia: Girassol#4471\n14:22 "
     "Atendente Bia: no primeiro acesso o app vai pedir pra trocar", "secret", "Girassol#4471"),
    ("ok Sean I've sent it again, it's five eight three two zero four, good for 10 mins.", "secret",
     "five eight three two zero four"),
    ("my password na Chidinma@2019 and e no gree login since morning, abeg help me check am", "secret",
     "Chidinma@2019"),
    ("@OhioBMVhelp my license # is RT448219 and the renewal page times out", "national_id", "RT448219"),
    ("the driver knocked at 22 Banksia St, Wynnum 4178 twice and rang three times", "address", "22 Banksia St, Wynnum"),
    ("She lives alone at 32 Jacaranda Street, Kensington, Johannesburg 2094, and that phone is how she calls for help.",
     "address", "32 Jacaranda Street, Kensington"),
    ("le trop-perçu vous sera remboursé par virement sur FR76 3660 3633 9622 8264 4852 258 sous 10 jours.\n\n"
     "Cordialement,\nService clients", "iban", "FR76 3660 3633 9622 8264 4852 258"),
    ("Je vous ai envoyé mon RIB deux fois. Et pour le courrier recommandé, ma nouvelle adresse c'est 14 rue des "
     "Capucins, 69001 Lyon.", "address", "14 rue des Capucins, 69001 Lyon"),
])
def test_values_found_by_unsparing(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Buyer wants to pay by e-transfer and says I need to \"upgrade\" my account first by sending $100. Scam right?",
    "Dzień dobry, prośba o kod BLIK na 800 zł to niestety popularne oszustwo.",
    "App version 5.2.0 won't let me extend. It says \"SESSION_EXT_403\" and my space 22817 expires in 5 min. help!!",
    "L'ADIL de l'Isère (04 76 53 37 30) m'a conseillé une mise en demeure en recommandé.",
    "@ElbolagetSE fakturanummer 4418-2203-11 är dubbelt så hög som förra månaden.",
    "Da dicembre si può prenotare anche su WhatsApp al 351 882 4410 (numero del locale). A presto!",
])
def test_look_alikes_found_by_unsparing_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind", [
    ("Name Tom Baker, DOB 11/23/1984, phone (503) 555-0161", "phone"),      # a field's acronym, no organisation
    ("Forgot the code? it's 4821 and the order 4822 expires in 5 min", "secret"),
])
def test_look_alikes_of_unsparing_public_classes_stay_sensitive(detector, text, kind):
    assert kind in {k for k, _ in found(detector, text)}


# -- found by unswayed.jsonl (a second week of an inbox) ------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Hi Sarah, we've added licence EK482915 version 204 to the hire agreement, you're good to pick up in Queenstown.",
     "national_id", "EK482915"),
    ("Hi Kate, rental's all set, NSW licence 04821563 matches the booking and the car's in bay 14", "national_id",
     "04821563"),
    ("4072. that's the pin that came with my new card today and the atm keeps saying incorrect pin??", "secret", "4072"),
    ("hey Amber, so sorry about the last two attempts. your driver has the gate code now, #4471 then the bell icon",
     "secret", "#4471"),
    ("entrerà con le chiavi della cassetta di sicurezza accanto al portone, combinazione 5 8 2 0, e le rimetterà lì",
     "secret", "5 8 2 0"),
    ("sent $400 e-transfer to my landlord, the question was street we grew up on and answer maplecrest and he says "
     "its wrong???", "secret", "maplecrest"),
    ("The new unit will be brought to 88 rue Sainte-Cécile, app. 3, Gatineau QC J8Y 2L6 next Tuesday and the crew "
     "will take the damaged one away.", "address", "88 rue Sainte-Cécile, app. 3"),
    ("@RxQuick Delores Grant, dob 9/30/1948, 1127 W Pine St Apt 2, Lodi CA 95240. her insulin was due tuesday",
     "address", "1127 W Pine St Apt 2, Lodi CA 95240"),
])
def test_values_found_by_unswayed(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Hi Yemi, the account 1023556781 that sent you the 'reversal request' is not ours. Please don't send money to it.",
    "Hej Sara! Vi ber aldrig om BankID eller koder i telefon. Numret 08-524 113 07 som ringde dig är inte vårt.",
    "Uwaga, dzwonił do mnie ktoś z numeru 22 398 41 07 podając się za pracownika @BankPolnocny.",
    "your software licence AB123456 expires next month, renew it in the app",
    "the gate code changed in 2024, ask at the desk",
])
def test_look_alikes_found_by_unswayed_are_public(detector, text):
    assert found(detector, text) == []


def test_a_card_pasted_with_its_expiry_and_code_keeps_the_code(detector):
    text = "checkout says invalid card but 5555-5555-5555-4444 / 11/27 / 321 is definitely right"
    assert ("secret", "321") in found(detector, text)      # a month and year, then the code: not a whole date


# -- found by unvarying.jsonl (a third week of an inbox) ------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("@BredbandSyd internet funkar men tv:n hittar inte nätverket. lösen är kanelbulle_2019 om det hjälper nån",
     "secret", "kanelbulle_2019"),
    ("router's the new one, network Skywire-7F2A, key's 4kX9mpL2qW7r, all set up like the leaflet says.", "secret",
     "4kX9mpL2qW7r"),
    ("rang the bank and they asked my security question, mother's maiden name, said Ní Bhriain, and they said wrong??",
     "secret", "Ní Bhriain"),
    ("[10:42] Kayla @ Brisklane: ok just triggered a fresh code\n[10:43] Marcus: still nothing on my end\n[10:44] Kayla "
     "@ Brisklane: no problem I can see it here, 604 218 , good for 10 min", "secret", "604 218"),
    ("The panel was disarmed at 23:14 using the user code 5591, which is registered to your domestic worker's profile",
     "secret", "5591"),
    ("Hired them to redo our bathroom at 219 Orchard Lane, Westfield NJ 07090. Quoted 3 weeks, took 9. Would not "
     "recommend to anyone.", "address", "219 Orchard Lane, Westfield NJ 07090"),
    ("I drove past 4410 Birchwood Ct this morning to swap them but nobody was home, so I left a card in the door.",
     "address", "4410 Birchwood Ct"),
    ("@MapleTrustCA the form keeps rejecting my SIN, first part is 680 846 and the rest is 938. what am i doing wrong",
     "national_id", "680 846"),
])
def test_values_found_by_unvarying(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Huge shoutout to Orchard Tiling, 219 Orchard Lane, Westfield NJ 07090, would recommend to anyone.",
    "the alarm company's code of practice changed in 2024, see section 12",
])
def test_look_alikes_of_unvarying_classes_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unyielding.jsonl and unfaltering.jsonl (a fifth and a sixth week of an inbox) -------------------------
@pytest.mark.parametrize("text, kind, value", [
    # locks only a code opens: the code as what "it's", what the lock was set to, or punched in at a keypad
    ("the council fitted a new key safe on the left of the front door and it's 2580. please tell the carers",
     "secret", "2580"),
    ("the man on the phone said leave the keys in drop box 3 and set the lock to 5517, which I did", "secret", "5517"),
    ("after 11pm the side entrance goes to keypad, punch in 4471# and the door opens", "secret", "4471#"),
    ("The movers have the lobby code (0519#) and will pick up the lift key from the manager.", "secret", "0519#"),
    ("1776#. that's the gate code, it has been in the delivery notes since March", "secret", "1776#"),
    # a password referred back as "the new one" in Spanish, and after "so lautet mein Passwort"
    ("Ya te blanqueamos la clave. La nueva provisoria es mate4819Tq, cambiala al entrar.", "secret", "mate4819Tq"),
    ("Sonnenblume77 – so lautet mein Passwort, und es wird trotzdem abgelehnt", "secret", "Sonnenblume77"),
    # security answers: as saved, and a surname right after "maiden name,"
    ('I added the security question "name of your first pet" and the answer is saved as Pickles.', "secret",
     "Pickles"),
    ("my security question is a joke, the answer to mine is my mum's maiden name, Wiśniewska, and they read it out",
     "secret", "Wiśniewska"),
    # a card's code as "back 3", a single-use credit's code, an id named sentences later
    ("paid with 5398 6247 6047 5877, back 3 are 612, still declined", "secret", "612"),
    ("Here's a $50 credit for checkout: TXL-8QW4-M2ZP-77RA. It's tied to your account and can be used once.",
     "secret", "TXL-8QW4-M2ZP-77RA"),
    ("325 337 217. I have given you that four times now, on the form and in the app. it's my tax file number",
     "national_id", "325 337 217"),
    ("we've updated the driver's license on your reservation to IL D402-7738-1559 and re-sent the agreement",
     "national_id", "D402-7738-1559"),
    ("your prescription moved to our Didsbury branch – we matched it using NHS no. 463 487 5659", "national_id",
     "463 487 5659"),
    # accounts: an Argentine CBU, a number with its branch code after it
    ("el reintegro va al CBU 0170099220000067834512 que nos pasaste", "bank_account", "0170099220000067834512"),
    ("the refund went out: 62841177305 is the number on the form, with branch code 250655", "bank_account",
     "62841177305"),
    # phones labelled in the text's language, read in its countries (Argentina, Portugal, Poland)
    ("hace 2 semanas que no tengo luz. DNI 37779567, titular yo, tel 11 4827-3391. Alguien que conteste",
     "phone", "11 4827-3391"),
    ("Boa tarde, já enviei 3 emails. NIF 274090481, contacto 912 483 706. Continuo sem a fatura.", "phone",
     "912 483 706"),
    ("czekam od tygodnia na aktywację karty. PESEL 80081569803, numer 601 448 273. Proszę o kontakt", "phone",
     "601 448 273"),
    # a date of birth asked for and given on the next line of a pasted chat
    ("[9:42 PM] Agent Kim: and full date of birth?\n[9:43 PM] me: 2/17/66\n[9:50 PM] Agent Kim: transferring you",
     "date_of_birth", "2/17/66"),
    # a Belgian address, street first, with its letterbox
    ("ma facture part à la mauvaise adresse. C'est Avenue Brugmann 214, boîte 7, 1190 Forest.", "address",
     "Avenue Brugmann 214, boîte 7, 1190 Forest"),
    # the reader's own mail, quoted with its header
    ("here's the email we got from you:\n> From: ben.oakes@btinternet.com\n> Subject: two bills", "email",
     "ben.oakes@btinternet.com"),
])
def test_values_found_by_unyielding_and_unfaltering(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    # promotions and a line spelled in letters are no codes
    "@StageDoorTix presale code for the Lumen Park show is LUMEN-FAN26 right?? it keeps saying invalid",
    "Hi Jen! The code is BLACKOUT25 and it works on everything except gift cards.",
    "Okra Bank will never ask for your PIN or OTP. Our only lines are 0700-OKRA-BANK and 01-448-2200.",
    # the organisation's lines, mailbox, address, account
    "Kindly reset your PIN in the app under Security. For help, call 0700 835 5392.",
    "Il deposito viene sbloccato entro 15 giorni (contratto AV-MI-77219). Per info: 02 8719 4400. AutoVento Noleggi",
    "Şüpheli aramaları 0850 222 48 17 numaralı hattımıza bildirebilirsiniz.",
    "Hej Erik! Avtalet skickas från avtal@hyresbolagetbjork.se, skriv under med BankID. Mvh, Hyresbolaget Björk",
    "For the 1099, it's issued by Harbourline Insurance Co., EIN 84-3920175, 200 Market St, Columbus OH 43215.",
    "Nasz numer konta do wpłat: Wisła Mobile Sp. z o.o., PL42 7154 0799 3166 9103 7978 3458. Pozdrawiamy",
    # what a fraud sent, asked about
    "got an email saying you've changed banks and rent should go to sort code 40-11-62, acc 71823304. Is that "
    "genuinely your account or one of those scams?",
    "My nan got a letter asking her to post her password to PO Box 4471, Leicester LE1 9ZZ. That's a scam isn't it?",
    'It wants my frequent flyer number and password to "claim 40,000 bonus points before midnight". A scam?',
    # a house number is no account, a time no house number, a form's fields no answer
    "We've corrected the billing address on your account to 2207-155 Yorkville Ave, our office's, as asked.",
    "Encore une coupure d'eau rue des Tanneurs depuis 7h ce matin, sans aucun message.",
    "The signup form asks for: Name, DOB, SSN, Mother's maiden name, Favorite color... for a gym?",
    "the key safe is broken and it's 2024, fix it",
])
def test_look_alikes_of_unyielding_and_unfaltering_classes_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unflinching.jsonl (a week of an inbox, most of its sensitive texts a secret or an id) -----------------
@pytest.mark.parametrize("text, kind, value", [
    ("Hi Callum, to confirm your PAC is BKR 418 227 and it's valid for 30 days.", "secret", "BKR 418 227"),
    ("sent the PAC MVB 904 332 to my new provider and they say it's invalid", "secret", "MVB 904 332"),
    ("para desbloquear me piden la clave dinámica. the last one was 92 41 07 and it says expired", "secret",
     "92 41 07"),
    ("budet vill ha portkoden till mitt trapphus?? Den är 3108 i så fall.", "secret", "3108"),
    ("votre digicode provisoire pour le local vélos est le 4B731, il sera désactivé dimanche", "secret", "4B731"),
    ("asked for the 3rd and 5th letters of my memorable word and rejected it. the word is HOLLYHOCK, honestly",
     "secret", "HOLLYHOCK"),
    ("your security questions are a joke. 'mother's maiden name', Kowalczyk, it's on facebook. 'first pet', Biscuit.",
     "secret", "Biscuit"),
    ("sinubukan ko yung MPIN ko na 270194 ayaw pa rin", "secret", "270194"),
    ("delivery boy ne bola UPI pin daalo refund ke liye, maine 7391 daal diya", "secret", "7391"),
    ("[11:03] me: 5113 2139 4860 0905\n[11:04] Shop: Thank you. And the security code?\n[11:04] me: 771", "secret",
     "771"),
    ("I've updated the licence on your hire agreement to NSW 0483 9271 and added the second driver.", "national_id",
     "0483 9271"),
    ("online check-in keeps failing. qld licence 091 478 265, booking's under Whitlock", "national_id", "091 478 265"),
])
def test_values_found_by_unflinching(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "text PAC to 65075 and we'll send your code by SMS",
    "I forgot my memorable word, it is something about flowers",
    "maine 2024 mein order kiya tha, abhi tak nahi aaya",
    "the wa licence office opens 10 30 am",
    "Hola Camila, el despacho sale mañana desde nuestra bodega en Av. Américo Vespucio 1501, Quilicura.",
    "Hi Priya, our Mississauga branch has moved! New address: 200 Burnhamthorpe Rd W, Suite 110, Mississauga ON.",
    "Pour toute question, écrivez à adherents@mutuelle-horizon.fr (appel non surtaxé au 09 70 81 42 15).",
])
def test_look_alikes_of_unflinching_classes_are_public(detector, text):
    assert found(detector, text) == []


def test_a_family_that_moved_gives_its_own_new_address(detector):
    text = "We've moved! New address: 12 Elm St, Leeds LS1 4AB, pop round any time"
    assert ("address", "12 Elm St, Leeds LS1 4AB") in found(detector, text)


# -- found by unswerving.jsonl (an eighth week of an inbox) ----------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("we have reset your wallet. 4093 is your temporary MPIN; the app will ask for a new one", "secret", "4093"),
    ("nach dem Werksreset gilt wieder der WLAN-Netzwerkschlüssel von der Rückseite der Box: 4471 8820 9913 5527 0036.",
     "secret", "4471 8820 9913 5527 0036"),
    ("your wifi name is now TelNet-5G-8821 and the key is the one on the sticker: qaxr7mptk4hz.", "secret",
     "qaxr7mptk4hz"),
    ("e-transfer won't deposit. the question was 'favourite hockey team' and answer is habs1993.", "secret",
     "habs1993"),
    ("jag skriver in smultron88 som står på lappen (alltså wifi-lösenordet) men inget ansluter", "secret",
     "smultron88"),
    ("te hemos generado una provisional, Nube7-Caracol, que caduca en 24 horas; luego elige una contraseña nueva.",
     "secret", "Nube7-Caracol"),
    ("[17:42] Conseiller : quel est le code de la porte ?\n[17:42] Vous : 47B29, puis 3e gauche", "secret", "47B29"),
    ("the answer we have on file for your security question is 'Kettering' (mother's maiden name).", "secret",
     "'Kettering'"),
    ("na-lock na naman ako. sure ako na 7702 yung MPIN ko, yan lagi gamit ko.", "secret", "7702"),
    ("they'll punch in #4471 at the gate and then buzz unit 12", "secret", "#4471"),
    ("el cajero me ha tragado la tarjeta y eso que el PIN era el bueno, 2604.", "secret", "2604"),
    ("I read the card out: Amex 3720 158016 85387, the four on the front are 7731, and still nothing", "secret",
     "7731"),
    ("ich hab's euch geschickt: 96185740259. Das ist die Nummer vom Bundeszentralamt, meine Steuer-ID, falls das "
     "nicht klar war.", "national_id", "96185740259"),
    ("Kundin, Lieferadresse Am Mühlbach 7a, 3. OG links, 90461 Nürnberg. Paket zweimal zurück.", "address",
     "Lieferadresse Am Mühlbach 7a, 3. OG links, 90461 Nürnberg"),
])
def test_values_found_by_unswerving(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "I typed in ORD-2291884 as the order number and my password after",
    "what's your order code?\n[10:01] me: ORD123 i think",
    "someone claiming to be your agent asked me to send money to account 0211847630 to 'upgrade' it. be warned",
    "le nostre coordinate per la fattura: Trattoria Da Nino S.r.l., P.IVA 07391840969, via Padova 51, 20127 Milano.",
    "The caller from +91 70231 88264 was not from our bank, kindly report it on 1930.",
    "Przelew prosimy na konto PL20 8568 6058 8555 7699 3994 3239 (Kwiaciarnia Bratek s.c.), w tytule numer zamówienia.",
    "je kunt het bedrag overmaken naar NL27 BUNQ 4672 7596 27 t.n.v. Fietsenmaker De Spaak BV, onder vermelding van "
    "factuur 2026-0412.",
    "got an invoice saying to pay sort code 40-11-62, account 71993020. is that actually your account or one of "
    "those invoice scams?",
    "we can see two cards on the account, a Visa ending 0876 and a Mastercard ending 2227.",
])
def test_look_alikes_of_unswerving_classes_are_public(detector, text):
    assert found(detector, text) == []


def test_an_account_held_in_a_persons_name_stays_theirs(detector):
    assert ("iban", "NL27 BUNQ 4672 7596 27") in found(detector, "IBAN NL27 BUNQ 4672 7596 27 t.n.v. S. Bakker")


# -- found by unhesitating.jsonl (short posts and replies) ----------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Hi Seun, refund of ₦45,000 has been sent to Access Bank 0692183445 (Oluwaseun A.).", "bank_account",
     "0692183445"),
    ("@kev_mcl here's the code for the parcel locker on Grafton St: 552019. It expires tonight at 9", "secret",
     "552019"),
    ("please call me back, the number on my account is 416-802-7719", "phone", "416-802-7719"),
])
def test_values_found_by_unhesitating(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Hi Josh, a strong password is 12+ characters, a mix of random words, and not used anywhere else.",
    "Our Lagos service centre opens at 8am. If you'd prefer pickup, call our line on 0700 225 5378.",
    "Oi Bruno, a chave pix da loja é pagamentos@lojasaurora.com.br, mas só usa se o boleto não carregar.",
    "The Bank 0800123456 line is closed on Sundays",
])
def test_look_alikes_of_unhesitating_classes_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("call our home line on 020 7946 0123 after six", "phone", "020 7946 0123"),
    ("my account number is 416-802-7719", "bank_account", "416-802-7719"),
])
def test_look_alikes_of_unhesitating_classes_stay_sensitive(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


def test_words_given_as_one_key_said_to_keep_their_spaces(detector):
    text = "your Wi-Fi network is Crestnet-5G-77A and the key is purple elephant 9 (lowercase, with the spaces)."
    assert ("secret", "purple elephant 9") in found(detector, text)
    assert found(detector, "the password is case sensitive (lowercase only please)") == []


def test_a_shop_named_then_called_is_the_shops_line(detector):
    text = "The Sherbrooke St location is open until 9 tonight. You can also call them directly at 514-842-7716."
    assert found(detector, text) == []
    assert ("phone", "514-842-7716") in found(detector, "the office lost it, my mum says call them at 514-842-7716")


# -- found by unflagging.jsonl (short posts and replies, a third set) -----------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("@Brightline_NG abeg refund my money to 2087741093 UBA, name Ngozi Eze", "bank_account", "2087741093"),
    ("@CloudVault 7HQK-2M9P-XW4R-88TD-LC3V. That's what's printed on the sheet. I set it up as my recovery key", "secret",
     "7HQK-2M9P-XW4R-88TD-LC3V"),
    ("DMV rejected the form bc the license # was off by one letter. We've resubmitted with D412-7719-8830 like on your "
     "card", "national_id", "D412-7719-8830"),
    ("check-in put my passport number in wrong. It should be PA4418273 not PA4418237", "national_id", "PA4418273"),
])
def test_values_found_by_unflagging(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "The request you received from +91 70112 44890 is not from us and we've reported it.",
    "order ABCD-1234-EFGH-5678 shipped; where do I find my recovery key?",
    "call 0800123456 first, access is free",
])
def test_look_alikes_of_unflagging_classes_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unstinting.jsonl (short posts and replies, read after it was measured unread) --------------------------
@pytest.mark.parametrize("text, kind, value", [
    # a value on its own line after a line ending in a letter (the end of that line was read as glued to it)
    ("details for the form:\n(415) 602-3387\nthanks", "phone", "(415) 602-3387"),
    ("the words are harbor melt oyster pilot grace venue crisp absent tiger frozen humble radar, in that order",
     "secret", "harbor melt oyster pilot grace venue crisp absent tiger frozen humble radar"),
    ("can't add my son to the card 2953 17429 1 in the app", "national_id", "2953 17429 1"),
    ("Hi Ana, reset done. It's 4 1 7 2 then the green button to arm and disarm.", "secret", "4 1 7 2"),
    ("the keypad won't take 3-9-1-5, it just beeps. that's the code the installer set.", "secret", "3-9-1-5"),
    ("leave it by the bins, padlock's 2718. thanks", "secret", "2718"),
    ("paid rent by e-transfer\nanswer was maple4ever\nnothing arrived", "secret", "maple4ever"),
    ("To confirm:\n03/19/1979 for date of birth\nReply YES if right.", "date_of_birth", "03/19/1979"),
    ("Le code d'entrée que vous avez noté, A2817, est le bon.", "secret", "A2817"),
    ("the router password for you, it's now otter-lagoon-58.", "secret", "otter-lagoon-58"),
    ("cambié la contraseña dos veces, y ahora es Naranja.2003 y no entra", "secret", "Naranja.2003"),
    ("sab theek tha, 5826 hi hai mera UPI PIN", "secret", "5826"),
    ("it's just nowak, that's my mum's maiden name", "secret", "nowak"),
    ("Hi Keisha, I sent a new one just now: 614 228. It runs out in 10 minutes.", "secret", "614 228"),
    ("The SIM asks for the PUK. The one in your letter, 82730164, doesn't work.", "secret", "82730164"),
    ("Hi Sipho, 8001015009087 is on your profile now.", "national_id", "8001015009087"),
])
def test_values_found_by_unstinting(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the door's 1950s style, the garage's 3 doors down",
    "booked 07/22/2026 for the birthday party",
    "the presale code from your newsletter, GIGFAN26, isn't working",
    "the code, 2025, is printed on the flyer",
    "Sarah, that's my maiden name btw",
    "your parking space 22817. It runs out in 10 minutes",
    "need a PUK, my order 39471026 arrived without it",
    "Questions? Email treasurer@rowingclub.ie",
    "je kunt ons bellen op 088 112 4400 of mailen naar service@energienoord.nl",
    "Dons sur le compte BE71 0961 2345 6769, communication +++090/9337/55493+++ merci",
])
def test_look_alikes_of_unstinting_classes_are_public(detector, text):
    assert found(detector, text) == []


@pytest.mark.parametrize("text, kind, value", [
    ("my email is treasurer@gmail.com", "email", "treasurer@gmail.com"),
    ("we bellen je op 06 4182 7730 morgen", "phone", "06 4182 7730"),
    ("refund to my account BE71 0961 2345 6769 please", "iban", "BE71 0961 2345 6769"),
    ("card 4000 0566 5566 5556 please", "card", "4000 0566 5566 5556"),
])
def test_look_alikes_of_unstinting_classes_stay_sensitive(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


# -- found by unretouched.jsonl (short posts, most of them a secret or an id): secrets in no set phrase --------------
# A value shaped as a secret near a secret's word, in its sentence or the one before: a word and digits, mixed case
# and symbols near a password's, a Wi-Fi key's or a temporary login's word; four to eight digits alone near a PIN's,
# a PUK's, a token's, an alarm's or a key safe's word.
@pytest.mark.parametrize("text, kind, value", [
    ("@ShopHelp tried it five times, Heron!2291, and it keeps saying wrong password??", "secret", "Heron!2291"),
    ("Hola Marta, la provisional es limonero5520, todo junto", "secret", "limonero5520"),
    ("wifi key on the sticker is wrong. one that works is 7HkP2-wQz4, took ages", "secret", "7HkP2-wQz4"),
    ("Hoi Sem, je tijdelijke is boot-7781, daarna kies je een nieuwe", "secret", "boot-7781"),
    ("reset done, pelican-2290 gets you in for 24h", "secret", "pelican-2290"),
    ("das wlan key 80213377465510293847 klebt unten am Router", "secret", "80213377465510293847"),
    ("pin na 8204, the machine kept my card", "secret", "8204"),
    ("We swapped the key safe after the last guests.\nIt's 3307 now", "secret", "3307"),
    ("mudei ontem pra 2519 o pin do cartão", "secret", "2519"),
    ("it's in the parcel box on the left. 6642 opens it", "secret", "6642"),
    ("told the driver 5172 for the alarm so he could leave it inside", "secret", "5172"),
    ("typed 61830247 from the letter, it's the puk, still locked", "secret", "61830247"),
    ("token 730915 has been resent, use it within 10 minutes", "secret", "730915"),
    ("Hola Lucía, el 28937410Y ya está validado", "national_id", "28937410Y"),
    ("ird keeps saying 049-091-850 is wrong on kiwisaver", "national_id", "049-091-850"),
    ("sex två noll åtta är pinkoden, kortet spärrades ändå", "secret", "sex två noll åtta"),
    ("5425 2334 3010 9903 exp 04/28 back code 771, just charge it", "secret", "771"),
    ("I read 48 19 07 to the man on the phone, was that you?", "secret", "48 19 07"),
])
def test_values_found_by_unretouched(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "A strong password is long, something like Tr0mbone-Cactus-Ribbon-17, but don't use that one",
    "Un bon mot de passe, ex. « LeChatDort3Fois » (n'utilisez pas celui-là)",
    "'Password123' is the most common password, please don't",
    "change your password and turn on 2-step verification",
    "the app wants a 6-digit passcode now instead of 4",
    "jobs go to the queue \"Office-3F\". No password needed for printing.",
    "reset your password, then quote ticket#88213 if it fails",
    "Report fraud at 1800 425 0018, we never ask for your PIN",
    "someone rang me from 0161 496 0732 asking for my card PIN",
    "never share your PIN. Avoid obvious ones like 1234 or 0000",
    "the PIN you chose for the card ending 0931 is blocked",
    "the depot in Cape Town 7530 says the pin drop is wrong",
    "our alarm tech is based in Austin TX 78749",
    "parcel 7734 arrived, the locker opens it for you",
    "the PIN reader at store 4471 is broken",
    "the new alarm costs 2499 euros",
    "set your PIN before 1930 tonight",
    "I read 12 pages of the terms and still can't find the PIN rules",
])
def test_look_alikes_of_unretouched_classes_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unblinking.jsonl (a week of an inbox, most of its sensitive texts a secret or an id) --------------------
@pytest.mark.parametrize("text, kind, value", [
    ("nach dem Reset gilt der WLAN-Schlüssel vom Aufkleber, also 5581 2290 4417 6603 2291, ohne Leerzeichen",
     "secret", "5581 2290 4417 6603 2291"),
    ("the code wifi isn't the one on the label?? j'ai mis 4HX8Q2TR7Z comme d'hab", "secret", "4HX8Q2TR7Z"),
    ("we reflashed the modem and it went to KoalaBay#3318 for the wifi", "secret", "KoalaBay#3318"),
    ("die TAN kam an, 552 017, aber die App sagt abgelaufen", "secret", "552 017"),
    ("Driver's briefed: punch 2281 and then the pound key at the gate", "secret", "2281"),
    ("the gate code was in the notes!! 7702 then hash", "secret", "7702"),
    ("your voicemail's been put back to the default, 5827, pick a new one when you dial in", "secret", "5827"),
    ("Ihr Paket liegt in der Packstation 118, am Display 402 771 eingeben, das ist Ihr Abholcode.", "secret", "402 771"),
    ("the digital lock reset after the battery died. I set it back to 613902 but it flashes red", "secret", "613902"),
    ("left the alarm on the default, so I changed it myself last night to 4092", "secret", "4092"),
    ("confirming what you read out: 5425 2334 3010 9903, exp 09/28, and 771 from the back", "secret", "771"),
    ("formularz nie przyjmuje mojego peselu 02070803628, pisze że błędny", "national_id", "02070803628"),
])
def test_values_found_by_unblinking(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "verification texts come from short code 72975, unblock short codes with your carrier",
    "we never ask for your PIN. Report scam numbers to 1515.",
    "never share your PIN; forward the msg to 7726 (SPAM)",
    "Our webhooks come from 198.51.100.0/24 and 203.0.113.0/24 in the docs example",
    "our wifi router order is in, tracking 7F3K9PQ2XW",
    "the alarm tech is based at 8 Coral Ave Burleigh Heads QLD 4220",
])
def test_look_alikes_of_unblinking_classes_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unpadded.jsonl (short posts from unretouched.jsonl's brief) ---------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("router admin login is now Weka-Flax71, keep it safe", "secret", "Weka-Flax71"),
    ("la boîte à clés est à droite de la porte et s'ouvre avec 4417. Bon séjour !", "secret", "4417"),
    ("771 204. that's the code you just sent, the page timed out", "secret", "771 204"),
    ("Your e-transfer answer is set to perogies, lowercase.", "secret", "perogies"),
    ("y el código de la portería, 3308, ya está en la orden", "secret", "3308"),
    ("noted for the driver: 5527# opens the gate", "secret", "5527"),
    ("6618 gets you in the lobby door, the driver can't get in", "secret", "6618"),
])
def test_values_found_by_unpadded(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "el código postal, 28013, está mal en la factura",
    "does the admin login work on iOS/Android14 yet?",
])
def test_look_alikes_of_unpadded_classes_are_public(detector, text):
    assert found(detector, text) == []


# -- found by unhampered.jsonl (a week of an inbox from unblinking.jsonl's brief) -------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("next time use the buzzer, 3 8 0 6 then the bell, it's in the notes!!", "secret", "3 8 0 6"),
    ("The key printed on the sticker of your new modem is redfox-4418-lake. Connect with that first.", "secret",
     "redfox-4418-lake"),
    ("I've generated one manually for you, 660193. It's a one-off login code, so best be quick!", "secret", "660193"),
])
def test_values_found_by_unhampered(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "new address Flat 302, 5th Cross, Malleshwaram, Bengaluru 560003. Technician pls use the intercom",
    "our router model RT-AX58U is back in stock",
])
def test_look_alikes_of_unhampered_classes_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- found by unruffled.jsonl (a week of an inbox from unblinking.jsonl's brief) --------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("the driver has the new drop-off, plus the 5512 you gave us for the lobby door, and he'll call first", "secret",
     "5512"),
    ("el paquete te espera en la taquilla de la gasolinera y para abrirla necesitas el 771 204", "secret", "771 204"),
    ("We've set a one-off PIN on the new card so you can use it at the till tomorrow, 6629.", "secret", "6629"),
    ("leave it in the meter box, the little lock on it opens with 2-7-7-1", "secret", "2-7-7-1"),
])
def test_values_found_by_unruffled(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the lobby door is open 7-9 tomorrow, 2290 people came through it last year",
    "set your alarm for tomorrow at 0630, the pin for the board is on the door",
])
def test_look_alikes_of_unruffled_classes_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- found by unclipped.jsonl (short posts from unretouched.jsonl's brief) --------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("52 07 91 est votre code temporaire, valable dix minutes", "secret", "52 07 91"),
    ("the token for your payee is 63 28 40, it expires soon", "secret", "63 28 40"),
    ("6204 is the keypad code for the side gate, can the courier use it", "secret", "6204"),
    ("il codice di sblocco della bici è 50817, grazie", "secret", "50817"),
    ("gooseberry is my memorable word and the app says it's wrong", "secret", "gooseberry"),
    ("Okonjo was my mother's maiden name, the agent asked twice", "secret", "Okonjo"),
    ("card is 4539 1488 0343 6467 exp 11/29 and the 802 on the back", "secret", "802"),
    ("the form wants it as 8812345RA with no gap", "national_id", "8812345RA"),
])
def test_values_found_by_unclipped(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "what is my memorable word? the letter never said",
    "the token sale ends 12 05 26, see the thread",
    "this is my security answer problem: the app never asks for it",
])
def test_look_alikes_of_unclipped_classes_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- found by unstirred.jsonl (a week of an inbox from unblinking.jsonl's brief) --------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("de sleutelkluis naast de garage staat op 4 1 9 0, daarna graag weer wijzigen", "secret", "4 1 9 0"),
    ("7302# lets the courier through the back gate, it's in the notes", "secret", "7302"),
    ("the smart lock is on 518264 for the weekend, I'll reset it Monday. leave it at 518264 please", "secret",
     "518264"),
    ("it refused me after I typed in 66071 as my card pin, twice", "secret", "66071"),
    ("logged in fine with the password you posted earlier, Marram!dunes, so it's the app", "secret", "Marram!dunes"),
    ("your wifi key is now 7731 0482 5519 2046, it's on the card he left", "secret", "7731 0482 5519 2046"),
    ("the electricity token is 5120 8834 0971 2266 3308, enter it on the meter keypad", "secret",
     "5120 8834 0971 2266 3308"),
    ("Ciao Marta, il tuo numero 348 552 1907 è attivo. Ti consiglio di cancellare il post.", "phone", "348 552 1907"),
])
def test_values_found_by_unstirred(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "tokens for the meter usually arrive in minutes; if not, dial *120*4477# to resend",
    "the FRITZ!Box 7590 wifi password is on the sticker underneath",
    "we're at 4410 Main St, the gate code is on the booking",
])
def test_look_alikes_of_unstirred_classes_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


@pytest.mark.parametrize("text, value", [
    ("your two new backup codes\n5518-2093\n7740-1126\nkeep them offline", "7740-1126"),
    ("wifi password now 3391 0274 8815 6620 after the reset", "3391 0274 8815 6620"),
])
def test_codes_in_a_card_s_groups_whose_check_fails_are_the_codes(detector, text, value):
    assert ("secret", value) in found(detector, text)
    assert not any(kind == "card" for kind, _ in found(detector, text))


# -- found by unstaged.jsonl (a week of an inbox, mostly secrets and ids) ---------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("me pide la clave otra vez y la escribo bien: 4 12 7 90, qué pasa", "secret", "4 12 7 90"),
    ("your PAC for this number is KLM 220 914, valid for 30 days", "secret", "KLM 220 914"),
    ("I've made you a one-time sign-in code by hand: 7KD-Q2M-4PX, it lasts 15 minutes", "secret", "7KD-Q2M-4PX"),
    ("done, the security word on your account is now Penrhyn as you asked", "secret", "Penrhyn"),
    ("typed it as printed, checked caps lock, the lot. Fen_Lantern_27 is what the letter says", "secret",
     "Fen_Lantern_27"),
])
def test_values_found_by_unstaged(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the clave for the invoice form is your order number, e.g. 4 12 7 90 is the sample",
    "sale ends 3 11 26, the clave is not needed for that",
    "what is the security word? the letter never told me",
])
def test_look_alikes_of_unstaged_classes_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- found by untinted.jsonl (a week of an inbox, mostly secrets and ids) ---------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("need the port-out PIN for my number. the one the shop printed (804417) gets refused", "secret", "804417"),
    ("my IRD number is missing they say. I sent it with the form!!! 049 091 850. still waiting", "national_id",
     "049 091 850"),
    ("his Korean resident number is 850412-1234563 and the portal says invalid", "national_id", "850412-1234563"),
    ("we have the passport number as 4 8 1 0 2 7 3 9 5, is that still right?", "national_id", "4 8 1 0 2 7 3 9 5"),
    ("you entered kestrel4 but the one on file is Kestr3l_44 — that's why it won't let you in", "secret",
     "Kestr3l_44"),
    ("delivered to the wrong unit!! contact me 8823 4410 pls", "phone", "8823 4410"),
])
def test_values_found_by_untinted(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    # a line the writer rang, a store's line the reader is told to call, a caller asked about
    "lost my keys on the bus, rang the depot line on 0161 496 0812 and they had them",
    "our Leeds store is on Briggate, open 9–6. Call them at 0113 496 0733 for stock",
    "¿es vuestro el 91 496 0158 que me llamó ayer pidiendo el PIN?",
    # an organisation's registered address, a pick-up point's
    "Nuestro CIF es B12345674 y la dirección fiscal es Calle Mayor 10, 28013 Madrid.",
    "paczkę odbierzesz w punkcie przy ul. Długiej 12 w Gdańsku",
    # a number written in brackets with a code word only after it
    "they stamped a number on my wrist (5531) for re-entry, best PIN ever lol",
])
def test_look_alikes_of_untinted_classes_are_public(detector, text):
    assert not any(kind in ("phone", "address", "secret") for kind, _ in found(detector, text))


@pytest.mark.parametrize("text", [
    "Hi Tom, I rang 07700 900123 this morning but no one answered",
    "we tried calling 0161 496 0812 twice, can you DM a better time?",
    "mi dirección fiscal es Calle Mayor 10, 28013 Madrid",
    "we'll call them at (303) 555-0147 tomorrow about your brother's order",
])
def test_look_alikes_the_untinted_classes_leave_sensitive(detector, text):
    assert any(kind in ("phone", "address") for kind, _ in found(detector, text))


# -- found by unsanded.jsonl (short posts, mostly secrets and ids) ----------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("the alarm went off again so i type 7214 and it still screams", "secret", "7214"),
    ("il codice del portone è 4 8 1, grazie", "secret", "4 8 1"),
    ("the app texted me 390 552 as the code then froze", "secret", "390 552"),
    ("de sleutelkluisje bij de schuur gaat open met 1987", "secret", "1987"),
    ("please show the code Q4T8Z to the driver when he arrives", "secret", "Q4T8Z"),
])
def test_values_found_by_unsanded(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "il codice sconto è 275 per i clienti",
    "use WINTER25 as the code at checkout",
    "show the code SAVE20X at the till for 20% off",
    "the alarm was fitted in 1987 and still works",
])
def test_look_alikes_of_unsanded_classes_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- left from read corpora: a secret wrapped over a line, a digicode with a letter -----------------------------------
@pytest.mark.parametrize("text, value", [
    ("the guest wifi password is now\nheron\n5521\nno spaces", "heron\n5521"),
    ("la clave del wifi que dejó es Palmera_\n3308 y no entra nada", "Palmera_\n3308"),
    ("the app asks for my 6 digit code but the text says\n41\n7702\nand it fails", "41\n7702"),
])
def test_a_secret_wrapped_over_lines_is_found_whole(detector, text, value):
    assert ("secret", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Kind regards,\nDana\nCustomer Care, Harbour Broadband\n1800 555 014 | care@example.com\nnever share your password",
    "summary of the chat\n14:02 me: my password fails\n14:05 agent: update to 4.13",
    "contact: dana.k@mailbox.net\n3 outages this week, password reset twice",
])
def test_lines_that_only_end_beside_digits_hold_no_wrapped_secret(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


@pytest.mark.parametrize("text, value", [
    ("demain le livreur tapera 7C41 au portail", "7C41"),
    ("3A519 pour la porte du hall, merci", "3A519"),
    ("le digicode c'est 5D 18 62, bâtiment B", "5D 18 62"),
])
def test_a_digicode_with_a_letter_is_a_secret(detector, text, value):
    assert ("secret", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "boarding gate B12 for flight A320 is closed",
    "the door to appartement 12B is on the left, no code needed",
    "code promo 25C pour la porte ouverte du samedi",
])
def test_a_flat_a_gate_or_a_model_is_no_digicode(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- left in the read corpora: national ids ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("ID 30418827 and M-Pesa line are now linked, Nairobi branch will call", "30418827"),
    ("@HudumaKE got a new ID card, the number is 29917436 now", "29917436"),
    ("my transcript keeps failing. 219 09 4417 is what I typed, DOB 4/2/81", "219 09 4417"),
    ("we've saved ab 12 34 56 c on your payroll record as your national insurance number", "ab 12 34 56 c"),
    ("Das Formular will die Steuer-ID. Warum eigentlich? Ich habe 3657 4261 809 eingetragen.", "3657 4261 809"),
    ("my PhilSys number is 1234 5678 9012 and it still fails", "1234 5678 9012"),
])
def test_ids_left_in_the_read_corpora_are_found(detector, text, value):
    assert ("national_id", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Nairobi store: customer ID 30418827 has a pending order",
    "M-Pesa transaction ID 29917436 was reversed",
    "Order 219 09 4417 has shipped, tracking to follow",
])
def test_look_alikes_of_those_ids_are_public(detector, text):
    assert not any(kind == "national_id" for kind, _ in found(detector, text))


# -- left in the read corpora: secrets --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("Visa 4539 1488 0343 6467, exp 09/27, security number 418, thanks", "418"),
    ("mi è arrivato 5531 09 come codice del locker ma non apre", "5531 09"),
    ("881042 şifrem bu ama hatalı diyor", "881042"),
    ("402 517 diye bir doğrulama kodu geldi, ben istemedim", "402 517"),
    ("the answer's Pickle, our old cat's name, and the bot says it doesn't match", "Pickle"),
    ("Hi Jo! Punch 6093 then # at the back gate and the locker opens", "6093"),
])
def test_secrets_left_in_the_read_corpora_are_found(detector, text, value):
    assert ("secret", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "ho usato 4455 come codice sconto al checkout",
    "the answer is No, we never ask for your security details",
    "Is the answer Yes? my security question is set",
])
def test_look_alikes_of_those_secrets_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- found by unwoven.jsonl (a week of an inbox, mostly secrets and ids) ----------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("the security answer on file, Pickles the tortoise, matched, so you're unlocked", "secret", "Pickles the tortoise"),
    ("my mpin 604 218 stopped working after the update", "secret", "604 218"),
    ("the router password is the one on the card, which you read to us as 4Hk-Zq8m-Wt3p", "secret", "4Hk-Zq8m-Wt3p"),
    ("le code du portail est C7 41 2, merci", "secret", "C7 41 2"),
    ("check-in rejected my passport number again. it's 7 2 0 4 1 8 5 5 3, expiry 2030", "national_id",
     "7 2 0 4 1 8 5 5 3"),
    ("on hold for ages so here, NI no is j t 4 8 2 9 6 1 c, please finish it", "national_id", "j t 4 8 2 9 6 1 c"),
    ("@LumoPH sim reg fails. PhilSys no 4829-1736-5504-2187 typed correctly", "national_id", "4829-1736-5504-2187"),
])
def test_values_found_by_unwoven(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "your security answer, as you know, is private",
    "my screen is 1080p and the password field is hidden",
    "the account 2039441876 in that message does not belong to us, please don't pay it",
])
def test_look_alikes_of_unwoven_classes_are_public(detector, text):
    assert not any(kind in ("secret", "bank_account") for kind, _ in found(detector, text))


# -- found by unpressed.jsonl (short posts, mostly secrets and ids) ---------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("paid KES 2,400 at the agent, my ID 27718305 and the float still not showing", "national_id", "27718305"),
    ("the security answers are Whitby (first school) and Tansy (first pet) and still refused", "secret", "Whitby"),
    ("security question reset, the answer is now set to gravelpit1988 as you asked", "secret", "gravelpit1988"),
    ("tech left, key on the router label says 7kd2 pq9x mm4t and nothing connects", "secret", "7kd2 pq9x mm4t"),
    ("parcel box won't open, locker won't open with my code 7QX-44R at all", "secret", "7QX-44R"),
    ("le digicode c 7C22B, c'est sur le mail", "secret", "7C22B"),
    ("changed phones last month, my new # is (503) 214-8876 pls update", "phone", "(503) 214-8876"),
])
def test_values_found_by_unpressed(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the caller knew the last 4 digits of my card (4412) and my name, call from +44 7700 900123, 1930 also",
    "the answer has been set to expire after a year, security question reset needed",
    "the router key is on the label, model number 4400 ab12 is on the back",
    "paid KES 2,400 for order ID 27718305",
])
def test_look_alikes_of_unpressed_classes_are_public(detector, text):
    assert not any(kind in ("secret", "card") for kind, _ in found(detector, text)) and \
        ("national_id", "27718305") not in found(detector, text)


# -- found by unspooled.jsonl (short posts, mostly secrets and ids) ---------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Salut Marc, le code de la porte c'est 5 C 8 1 4, bonne soirée", "secret", "5 C 8 1 4"),
    ("Hola Inés, tu código de verificación es 3 8 1 - 2 2 7, no lo compartas", "secret", "3 8 1 - 2 2 7"),
    ("@RedMovil senha do app 730215 não entra mais", "secret", "730215"),
    ("Mein Portierungscode lautet QK7-4410-ZD, bitte schnell", "secret", "QK7-4410-ZD"),
    ("we've reset the security answer to 'uncle bob's boat' like you asked", "secret", "uncle bob's boat"),
    ("wifi name Attic5G and the key is purple otter 41, still dropping", "secret", "purple otter 41"),
])
def test_values_found_by_unspooled(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the password for the order 40231 confirmation email never came",
    "der Wechselcode kommt per Brief, bitte warten",
    "the key is room 12 on the left, ask at reception",
    "the code is A 1 2 on the map, near the lift",
])
def test_look_alikes_of_unspooled_classes_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- found by unplaited.jsonl (a week of an inbox, mostly secrets and ids) --------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("all sorted Dev, I've reset it, new one is  harbour7Kite#  and you'll pick your own after", "secret", "harbour7Kite#"),
    ("Mon code RIO est 02 K 7QX 118 B4M, l'opérateur le refuse", "secret", "02 K 7QX 118 B4M"),
    ("Hola Tomás, el código de la taquilla es 4K2 Q77, hasta mañana", "secret", "4K2 Q77"),
    ("le code de retrait 7P 31 K8 est refusé au relais", "secret", "7P 31 K8"),
    ("router reset by my son, new key is  amber koala lantern 7  with the spaces?", "secret",
     "amber koala lantern 7"),
])
def test_values_found_by_unplaited(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Thanks Amina, our company PIN for quotes is P051839274K, printed on every invoice.",
    "we changed it, the new one is ORD-55123-X in your email",
    "I've reset it, new one is attached",
    "@TelcoHelp this 08031234567 number keeps calling about a prize, please block it",
    "Rio is lovely, see you at gate B2 in 10",
])
def test_look_alikes_of_unplaited_classes_are_public(detector, text):
    assert not any(kind in ("secret", "phone") for kind, _ in found(detector, text))


# -- found by unspliced.jsonl (short posts, mostly secrets and ids) ---------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("kod do domofonu 4471, prosze dzwonic dwa razy", "secret", "4471"),
    ("the answer to my security q is Harrowgate, and it still says no", "secret", "Harrowgate"),
    ("código de portabilidade 7710 2284, confirmem por favor", "secret", "7710 2284"),
])
def test_values_found_by_unspliced(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "der Wechselcode ist 2024 noch gültig, sagt die Hotline",
    "o código de portabilidade chega por SMS em 24 horas",
])
def test_look_alikes_of_unspliced_classes_are_public(detector, text):
    assert not any(kind == "secret" for kind, _ in found(detector, text))


# -- found by unrolled.jsonl (short posts in fourteen languages, none in English) --------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("@VPBank số tài khoản của mình là 0071002938475 nhé, hoàn tiền giúp", "bank_account", "0071002938475"),
    ("@BNI_Care no rek saya 8830192746 ya kak, dana belum masuk", "bank_account", "8830192746"),
    ("환불 계좌 국민 421-88-1029384 맞는데 아직 안 들어왔어요", "bank_account", "421-88-1029384"),
    ("Beste Joost, de monteur komt donderdag naar de Laan van Nieuw Oost-Indië 12, 2593 BK Den Haag.", "address",
     "Nieuw Oost-Indië 12, 2593 BK Den Haag"),
    ("@Vodafone_DE bitte unter 0172 / 552 190 44 zurückrufen, Internet seit Montag weg", "phone", "0172 / 552 190 44"),
    ("schreibt mir lieber an jonas punkt weber at gmx punkt de, danke", "email", "jonas punkt weber at gmx punkt de"),
    ("@Renfe mi correo bueno es pablo.ruiz82 arroba hotmail punto es", "email", "pablo.ruiz82 arroba hotmail punto es"),
    ("제 이메일 minji.park@daum.net으로 보내주세요", "email", "minji.park@daum.net"),
    ("مرحباً سلمى، تاريخ ميلادك في النظام 1988/07/02، هل هو صحيح؟", "date_of_birth", "1988/07/02"),
    ("パスワードを何度も間違えました。4821だと思うんですが", "secret", "4821"),
])
def test_values_found_by_unrolled(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "0850 411 27 36 numarası bize ait değildir, lütfen bilgi vermeyin.",
    "\"Garanti\" diye 0850 411 27 36'dan aradılar, şifremi istediler.",
    "+91 98220 41736 हमारा नंबर नहीं है, कृपया सावधान रहें।",
    "الرقم 0551 334 902 لا يتبع لنا ولا نطلب رمز التحقق أبداً.",
    "Verdachte sms gehad, doorgestuurd naar valse@bankje.nl zoals op de site staat",
    "Liên hệ cskh@dienmay-xanh.vn để được hỗ trợ đổi trả",
    "세금계산서는 tax@ilsan-mart.co.kr으로 요청해 주세요",
    "Dane do przelewu: PL34 1140 2004 0000 3102 7654 3210, w tytule przelewu numer zamówienia.",
    "للتبرع لجمعية الأمل الخيرية: آيبان SA03 8000 0000 6080 1016 7519",
    "Pour régler par virement : IBAN FR76 3000 6000 0112 3456 7890 189, en indiquant la référence F-2291.",
    "寄付のお振込先: 三井住友銀行 普通 4417290 公益財団法人みらい基金",
    "der Gutscheincode HERBST25 funktioniert nicht, obwohl er bis Sonntag gilt",
    "gift card code HOLA2024 was rejected at the till",
    "Tu paquete está en el punto de retiro de Calle Lira 140, Santiago.",
    "暗証番号を忘れました。0120で始まる番号に電話しました",
    "Rechnung vom 01/02/2024, bitte bis 0151 Uhr zahlen",
])
def test_look_alikes_of_unrolled_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- found by unprompted.jsonl (posts and replies in many settings and languages) -------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("can someone call me, not the shop line, on 07700 900 314? thanks", "phone", "07700 900 314"),
    ("The quote says £95. 07700 900 218, ring me after 4", "phone", "07700 900 218"),
    ("we've put your NINO down as PX 41 77 20 F on the form", "national_id", "PX 41 77 20 F"),
    ("your driving licence number reads as PATEL892299RK7QW, please check it", "national_id", "PATEL892299RK7QW"),
    ("mano mama gimusi 1952-08-19, prašau pataisyti", "date_of_birth", "1952-08-19"),
    ("роден на 03.11.1984, моля коригирайте", "date_of_birth", "03.11.1984"),
    ("a fiam született 1979. június 12., kérem javítsák", "date_of_birth", "1979. június 12."),
    ("저는 2011년 3월 9일생이라서 할인 되나요?", "date_of_birth", "2011년 3월 9일"),
    ("تاريخ ميلاده ٣ يناير ١٩٩٠ حسب الجواز", "date_of_birth", "٣ يناير ١٩٩٠"),
    ("the lockbox by the side door needs a code. The host says it's set to 551902, didn't work", "secret", "551902"),
    ("le code du portail a été changé : c'est maintenant 4418, merci", "secret", "4418"),
    ("Le bénéficiaire peut passer en agence ou le recevoir sur Orange Money au +221 76 512 33 08.", "phone",
     "+221 76 512 33 08"),
    ("שלום, אפשר לחזור אליי ל-052-811-4470? תודה", "phone", "052-811-4470"),
    ("falls ihr es per Post schickt: Jana Roth, Lindenweg 7, 04109 Leipzig", "address", "Lindenweg 7, 04109 Leipzig"),
    ("the refund went to the account you gave, 3301927465 at Zenith Bank, this morning", "bank_account",
     "3301927465"),
    ("el depósito se hizo en la cuenta corriente 71-2204918/5 del Banco Estado", "bank_account", "71-2204918/5"),
    ("We're at Ivy Cottage, 5 Mill Lane, Thornby NN6 8SL, the side gate is open.", "address",
     "5 Mill Lane, Thornby NN6 8SL"),
])
def test_values_found_by_unprompted(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "thanks so much to the team at Bloom & Thread, 14 Market Row, Leeds LS1 6DT, absolute lifesavers",
    "tried calling you on 0161 496 0433 twice, nobody picks up. are you open saturday?",
    "Does anyone know if Quickfix Roofing are legit? flyer number is 0113 496 0218",
    "Emergency callouts on 07700 900 481 (that's the company on-call phone).",
    "WhatsApp de la empresa 612 48 19 07, de lunes a viernes de 9 a 14 h",
    "Billetterie : 04 72 10 30 30, groupes : groupes@theatre-lyon.fr",
    "Biglietteria 0461 220 341, aperta dalle 9 alle 18",
    "Bel het secretariaat op 030 231 4455 tussen 9 en 12 uur",
    "לשאלות ניתן לכתוב ל-info@kupat-tova.org.il",
    "post your cheque to Northside Credit Union, PO Box 77, Hull HU1 2AA",
    "I changed my password. Order number? it's AB-123456",
])
def test_look_alikes_of_unprompted_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- found by unwavering.jsonl (a fourth week of an inbox) ------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("payroll lost my TFN form again and I was taxed at 32% twice. here it is one more time: 797 891 024", "national_id",
     "797 891 024"),
    ("the app rejects my medicare card. number 4859 48075 5, irn 2, exp 09/2030, it's new", "national_id",
     "4859 48075 5"),
    ("Thanks Jo, your security answer came through as Willowbrook Farm, which matches, so you're verified.", "secret",
     "Willowbrook Farm"),
    ("sent the e-transfer to my sister, answer saltmarsh, and she can't open it", "secret", "saltmarsh"),
])
def test_values_found_by_unwavering(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "for Interac e-Transfers pick a security answer only your friend would know, never post it",
    "Karte endet auf 7315, PIN ist korrekt, trotzdem abgelehnt",
    "the sample form shows an SSN as 000-00-0000 and a SIN as 000 000 000",
    "please don't leave a key safe code, just ring 0330 088 2291 (that's us, local rate)",
    "@ParcelPeak paid by bank transfer to your account 5520 1183 406 (from the invoice), still nothing",
    "Someone on Marketplace is asking people to pay into account 3310 0924 87 for cheap tyres, that's not you, is it?",
    "I changed the alarm myself last night and now it beeps every twenty minutes",
])
def test_look_alikes_of_unwavering_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- found by unbending.jsonl (a seventh week of an inbox) ------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ('Hi Dev, the answer you chose was "kalimotxo", exactly as typed.', "secret", '"kalimotxo"'),
    ("we've told the police about the fraud. Reply to us at priya.nair.home@gmail.com please", "email",
     "priya.nair.home@gmail.com"),
    ("@PostNord paketet ska till Vasagatan 9, lgh 1102, 111 20 Stockholm, ring om porten är låst", "address",
     "Vasagatan 9, lgh 1102, 111 20 Stockholm"),
    ("chat from this morning:\n[09:12] Agent Lee: please read me the code we just sent\n[09:13] me: 740215\nstill waiting",
     "secret", "740215"),
])
def test_values_found_by_unbending(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "We have reported 98220 41736 to the telecom authority; we will never ask for your OTP.",
    "Per bloccarla puoi chiamare dall'estero il +39 06 4471 2200, attivo 24 ore su 24.",
    "Olá! O IBAN correto da Lusa Seguros é PT71 0035 0097 0000 1234 5678 9, o mesmo que está na carta.",
    "is dat mailtje van uitbetaling@mijnzorg-retour.nl echt van jullie? ze willen mijn DigiD",
    "Our returns address is still ParcelHub Returns, Unit 9, Kingsway Park, Derby DE24 8AA.",
    "@Boxful is the returns address still Unit 2, Brook Park, Leeds LS10 1AB? the label won't print",
])
def test_look_alikes_of_unbending_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- found by unhurt.jsonl (short posts, mostly secrets and ids) ------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("parcel by the back door pls, 4471# gets you in, cheers", "secret", "4471#"),
    ("Thanks Amir, 40-11-62 and 71823304 set up for the direct debit from the 3rd.", "bank_account",
     "40-11-62 and 71823304"),
    ("Reset it again. Still can't log in. It's Harbour.Kite.77 if that helps", "secret", "Harbour.Kite.77"),
])
def test_values_found_by_unhurt(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Hi Thabo, call 0860 223 114 or bring your ID to any store, don't post it here.",
    "le point relais du 8 rue Crébillon à Nantes est fermé, je fais comment ?",
    "Your R200 purchase went to meter 04281937556, check it matches your unit.",
    "Is 13 22 59 really @CoastBank? they want my password \"to verify\"",
    "please email receipts@parcelpeak.com with the order number",
    "Nuestro CIF es B12345674 y la dirección fiscal Calle Goya 12, 28001 Madrid.",
    "can't log in to the app, it's version 4.2.1 btw",
])
def test_look_alikes_of_unhurt_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- found by unlatched.jsonl (messages dictated to a phone) ---------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("so my password is uh Marigold seventy seven and it still fails", "secret", "Marigold seventy seven"),
    ("mi contraseña es Caracol cincuenta y cinco y no entra", "secret", "Caracol cincuenta y cinco"),
    ("la mia password è Volpe settantasette e non va", "secret", "Volpe settantasette"),
    ("a minha senha é Girassol oitenta e dois mas não entra", "secret", "Girassol oitenta e dois"),
    ("my pin is oh oh oh oh, never changed it", "secret", "oh oh oh oh"),
    ("pan card is CQWPK four four one nine R for the kyc", "national_id", "CQWPK four four one nine R"),
    ("the security question is first pet and its Biscuit, why won't it take it", "secret", "Biscuit"),
    ("Hi Leo, your security answer is now saved as Table Mountain, as you asked.", "secret", "Table Mountain"),
    ("je suis né le trois mars quatre-vingt-huit et le site refuse", "date_of_birth",
     "trois mars quatre-vingt-huit"),
])
def test_values_found_by_unlatched(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the security question and its answer stay private, never post them",
    "the password is valid for ninety days, then you pick a new one",
    "oh oh oh oh no, the parcel arrived soaked",
    "fees go to Coastal Bank, account name Riverside Primary School, account number 2209331847, quote the pupil ID",
])
def test_look_alikes_of_unlatched_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


@pytest.mark.parametrize("text, digits", [
    ("ochenta y ocho", "88"), ("oitenta e oito", "88"), ("novantanove", "99"), ("ventuno", "21"), ("trentotto", "38"),
    ("dos y tres cuatro", "2 34"), ("oh oh oh oh", "0000"),
])
def test_tens_and_units_of_spanish_portuguese_and_italian_are_read(text, digits):
    spelled = digits_from_words(text, min_digits=2)
    assert spelled is not None and spelled.text == digits


# -- found by unlaced.jsonl (a week of an inbox, a third in eleven other languages) -----------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Hei, kan dere ringe meg på 413 08 552? Internett er nede.", "phone", "413 08 552"),
    ("Hej Maja, din wifi-nyckel är Sommarstuga42 om du glömmer den.", "secret", "Sommarstuga42"),
    ("my account no at the water board is 771 203 448 2 and the bill is wrong", "bank_account", "771 203 448 2"),
])
def test_values_found_by_unlaced(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "Tandlægen har åbent 8–16 og telefon 35 26 11 90.",
    "Rent paid to Oakfield Lettings sort code 20-45-77 account 41188203 as per your letter. Please confirm.",
    "Am plătit factura în contul vostru de pe factură, RO49 AAAA 1B31 0075 9384 0000. Cât durează?",
    "Nummeret +47 48 11 20 33 er ikke vårt. Du kan nå oss på 915 04 400.",
    "The number 202-555-0147 you mentioned isn't theirs, report it to the FTC.",
    "Telefon administrație: 021 312 4410, program luni–vineri 9–17.",
    "Vuokra maksetaan tilille FI49 5000 9420 0287 30 viitteellä 13015.",
    "Send the fees to fees@hillcrest-college.ca with the student ID as the message.",
    "You can also write to 500 King St W, Suite 200, Toronto ON, complaints@northtel.ca replies in 2 days.",
    "Your branch at 12 Long Street, Cape Town closes at 3pm now? Wasted a trip.",
])
def test_look_alikes_of_unlaced_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- found by unmoored.jsonl (short posts in the English of Asia, Africa and the Caribbean) ---------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("@JamRevenue my TRN is 104 583 926 and the portal rejects it, wha gwan", "national_id", "104 583 926"),
    ("@GRAghana my TIN P0051234567 has the wrong name on it", "national_id", "P0051234567"),
    ("@KRAhelp PIN yangu A004417281Q haifanyi kwa iTax", "national_id", "A004417281Q"),
])
def test_values_found_by_unmoored(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    '@GlobePH sino po si "Globe-Raffle" sa 0917 222 4410? legit ba yung promo?',
    "@EtisalatCare who is +971 4 555 0142? says they're from your billing team",
    "IFSC code for our Koramangala branch is HDFC0001234, share it with your employer",
    "parcel P0051234567 shipped today",
])
def test_look_alikes_of_unmoored_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- found by unstrung.jsonl (short posts in the English of Africa and South Asia) ------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("the rider will deliver to Hse 22, Mombasa Rd Court Block B, South C, Nairobi. confirm pls", "address",
     "Hse 22, Mombasa Rd Court Block B, South C, Nairobi"),
    ("we'll send the card to House 118, Street 4, G-9/3, Islamabad tomorrow", "address",
     "House 118, Street 4, G-9/3, Islamabad"),
    ("Hi Neema, NIDA number 19900211-14125-00007-21 verified for your line", "national_id", "19900211-14125-00007-21"),
    ("your NIN CM90051207KXTA is now linked to the line", "national_id", "CM90051207KXTA"),
    ("got PAC code QX7-551R from you and the new network says expired", "secret", "QX7-551R"),
    ("for your security question 'first pet' we have: 'simba'. Please confirm.", "secret", "'simba'"),
    ("we set the security answer on your profile to 'kandy lake' as asked", "secret", "'kandy lake'"),
    ("@AirGo reset code 52-18-07 is not working for my login", "secret", "52-18-07"),
])
def test_values_found_by_unstrung(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "is PK36HABB0000001123456702 your official IBAN for card payments? got it by SMS",
    "how do I change the wifi password on TP-X20? the page won't open",
    "sms from the bank says sort code 40-11-62 changed",
    "the house 3, the garden, the shed, Mum",
])
def test_look_alikes_of_unstrung_classes_are_public(detector, text):
    assert not any(kind in ("secret", "iban", "address", "national_id") for kind, _ in found(detector, text)), \
        found(detector, text)


# -- found by unwound.jsonl (short posts in the English of Southeast Asia, the Gulf and the Caribbean) ----------------
@pytest.mark.parametrize("text, kind, value", [
    ("technician will visit Villa 9, Street 12a, Al Safa 1, Dubai tomorrow morning", "address",
     "Villa 9, Street 12a, Al Safa 1, Dubai"),
    ("delivery set for Lot 14, Portmore Pines Phase 2, St Catherine, driver will call", "address",
     "Lot 14, Portmore Pines Phase 2, St"),
    ("Emirates ID 784 1975 4410218 3 matches, the account is active", "national_id", "784 1975 4410218 3"),
    ("I set the parental lock to 7070 and my daughter guessed it", "secret", "7070"),
    ("your locker 31 at the Ortigas branch now opens with 4817, the old code was cleared", "secret", "4817"),
    ("we've noted your mother's maiden name as Dimaculangan for phone checks", "secret", "Dimaculangan"),
])
def test_values_found_by_unwound(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "for resort bookings please call (032) 888 1234 or our mobile desk 0917 800 0000",
    "Our Eid food drive account: Helping Hands Society, IBAN AE07 0331 2345 6789 0123 456, as on our official site.",
    "the number +1 (876) 555-0142 that called you is not from us, please block it",
    "the new branch opens with 20 staff on Monday",
])
def test_look_alikes_of_unwound_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- found by unmuted.jsonl (dictated messages, a third in Dutch, Portuguese, Polish and Swedish) ---------------------
@pytest.mark.parametrize("text, kind, value", [
    ("a senha do wifi é gaivota cinco cinco cinco sem espaços", "secret", "gaivota cinco cinco cinco"),
    ("the password i set was marigold hash twenty two and it won't take it", "secret", "marigold hash twenty two"),
    ("lösenordet är Lingon sjuttiofem och det funkar inte", "secret", "Lingon sjuttiofem"),
    ("hasło do wifi to Sosna osiem osiem, technik może się podłączyć", "secret", "Sosna osiem osiem"),
    ("portkoden är nitton sextiotvå så budet kommer in", "secret", "nitton sextiotvå"),
    ("NRIC S eight one two three four five six D for the claim lah", "national_id", "S eight one two three four five six D"),
    ("account number for the water is 6610 2290 7718 in my name", "bank_account", "6610 2290 7718"),
])
def test_values_found_by_unmuted(detector, text, kind, value):
    assert (kind, value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the router's default network name is Vela-5G-7F3A, you can rename it in the app",
    "Hallo Sanne, ons retouradres is Logistiekweg 12, 3439 MG Nieuwegein, vergeet het label niet",
    "got a call from +234 809 112 7788 saying my BVN is blocked, is that real",
    "please email documents to kyc@northlane-finance.in, that's our verification mailbox",
    "my security question answer isnt working even though I know it's right",
])
def test_look_alikes_of_unmuted_classes_are_public(detector, text):
    assert not found(detector, text), found(detector, text)


# -- an IBAN named, then given in pieces: its country apart, or letters read out one by one ------------------------
@pytest.mark.parametrize("text, value", [
    ("my IBAN is G B two nine N W B K six zero one six one three three one nine two six eight one nine",
     "G B two nine N W B K six zero one six one three three one nine two six eight one nine"),
    ("meine IBAN lautet D E acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null "
     "null null, danke", "D E acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null "
     "null null"),
    ("IBAN DE 8937 0400 4405 3201 3000 and the BIC is COBADEFFXXX", "DE 8937 0400 4405 3201 3000"),
    ("mi IBAN es ES 91 2100 0418 4502 0005 1332 para la devolución", "ES 91 2100 0418 4502 0005 1332"),
    # (check digits misheard: still the country's format, so still an IBAN)
    ("IBAN: G B 28 N W B K 6016 1331 9268 19, thanks", "G B 28 N W B K 6016 1331 9268 19"),
])
def test_an_iban_named_then_given_in_pieces_is_found(detector, text, value):
    assert ("iban", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "a payment reference that looks like an IBAN: GB00 HALL 0000 2611 0088 13, quote it on the transfer",
    "what is an IBAN? is it the 22 digits on my card",
    "our IBAN for donations is on the website, reference 2024 A B 77",
    "IBAN is 34 characters at most, so the form field is too short",
    "IBAN É 12 ôté 4567 8901 2345 6789 is not how anyone writes it",
])
def test_what_follows_the_word_iban_but_is_no_iban_is_public(detector, text):
    assert not [kind for kind, _ in found(detector, text) if kind == "iban"], found(detector, text)


# -- a national id named, then given in pieces: letters read out, or its letters apart from its digits ---------------
@pytest.mark.parametrize("text, value", [
    ("my NI number is Q Q one two three four five six C", "Q Q one two three four five six C"),
    ("NIE X 1234567 L, por si lo necesitan", "X 1234567 L"),
    ("el NIE es X uno dos tres cuatro cinco seis siete L", "X uno dos tres cuatro cinco seis siete L"),
    ("codice fiscale: RSS MRA 80A01 H501U per la fattura", "RSS MRA 80A01 H501U"),
    ("il mio codice fiscale è R S S M R A 8 0 A 0 1 H 5 0 1 U", "R S S M R A 8 0 A 0 1 H 5 0 1 U"),
    ("mi DNI es uno dos tres cuatro cinco seis siete ocho Z", "uno dos tres cuatro cinco seis siete ocho Z"),
    ("meu CPF é um dois três ponto quatro cinco seis ponto sete oito nove traço zero nove",
     "um dois três ponto quatro cinco seis ponto sete oito nove traço zero nove"),
])
def test_a_national_id_named_then_given_in_pieces_is_found(detector, text, value):
    assert ("national_id", value) in found(detector, text)


@pytest.mark.parametrize("text", [
    "the NIE appointment is at 9 a m on the 4th, bring form EX 15",
    "codice fiscale is 16 characters, letters and digits: RSS MRA are the name's letters",
    "NI number format is XX 99 99 99 X, two letters, six digits, one letter",
    "our NIF B 12345674 is on every invoice",  # (a company's tax number in Spain begins with a letter)
])
def test_what_follows_an_ids_name_but_is_no_ones_id_is_public(detector, text):
    assert not [kind for kind, _ in found(detector, text) if kind == "national_id"], found(detector, text)
