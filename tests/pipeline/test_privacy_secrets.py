"""Secrets written as people write them: tokens by their vendor's shape, passwords changed to a value, answers to
security questions, codes of what they open, codes received, pick-up codes, password words in more forms."""
import pytest

from bridge.pipeline.privacy import Detector, sensitive_kinds
from tests.pipeline.test_privacy import SETTINGS


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.from_settings(SETTINGS)


def secrets(detector: Detector, text: str) -> list[str]:
    return [text[f.start:f.end] for f in detector.find(text) if f.kind == "secret"]


def sensitive(detector: Detector, text: str) -> list[str]:
    return sensitive_kinds(detector.find(text))


# -- tokens by their vendor's shape ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("our CI leaks glpat-Rw3kP9xQ2mZ7tL8vB4nC in the job log", "glpat-Rw3kP9xQ2mZ7tL8vB4nC"),
    ("npm_Q7wE9rT2yU4iO6pA8sD0fG1hJ3kL5zX7cV9b in .npmrc", "npm_Q7wE9rT2yU4iO6pA8sD0fG1hJ3kL5zX7cV9b"),
    ("HF token hf_QwErTyUiOpAsDfGhJkLzXcVbNmQwErTy pasted by mistake", "hf_QwErTyUiOpAsDfGhJkLzXcVbNmQwErTy"),
    ("sk-ant-api03-Zx8Cv7Bn6Mm5Ll4Kk3Jj2Hh1Gg0Ff_Dd-Ss", "sk-ant-api03-Zx8Cv7Bn6Mm5Ll4Kk3Jj2Hh1Gg0Ff_Dd-Ss"),
    ("SENDGRID=SG.Aa1Bb2Cc3Dd4Ee5Ff6Gg7H.Ii8Jj9Kk0Ll1Mm2Nn3Oo4Pp5Qq6Rr7Ss8Tt9Uu0Vv1Ww2Xx3",
     "SG.Aa1Bb2Cc3Dd4Ee5Ff6Gg7H.Ii8Jj9Kk0Ll1Mm2Nn3Oo4Pp5Qq6Rr7Ss8Tt9Uu0Vv1Ww2Xx3"),
    ("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 is the admin token", "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"),
])
def test_a_vendors_token_by_its_shape(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "see SG.1 and SG.2 of the safety manual",
    "npm_modules folder is missing after the update",
    "hf_hub_download fails with a timeout",
    "the glpat-token page says it expired",
    "sk-ant-api docs are down",
])
def test_a_vendors_token_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- a password or code changed, reset or set to a value -------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("I reset it to Quokka2026! but the app still says wrong password", "Quokka2026!"),
    ("I changed it to Paprika#8 and now it says invalid", "Paprika#8"),
    ("hab das Passwort auf Zitrone77 geändert, geht trotzdem nicht", "Zitrone77"),
    ("j'ai changé mon mot de passe en Mouette44", "Mouette44"),
    ("ho cambiato la password in Limone2024!", "Limone2024!"),
    ("mudei a senha para Cajueiro2020", "Cajueiro2020"),
    ("zmieniłam hasło na Jesien2022!", "Jesien2022!"),
    ("şifremi Martı1907 olarak değiştirdim", "Martı1907"),
    ("パスワードをumi2024に変更しました", "umi2024"),
    ("비밀번호를 moon2024으로 바꿨어요", "moon2024"),
    ("我把密码改成了 qwe98765", "qwe98765"),
    ("поменяла пароль на Osen2021", "Osen2021"),
    ("changed the door code to 6621 yesterday", "6621"),
    ("cambié el PIN a 9034 y sigue bloqueada", "9034"),
    ("ik heb de pincode veranderd naar 5180", "5180"),
    ("endret passordet til Skog2023", "Skog2023"),
])
def test_a_secret_changed_to_a_value(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "I changed my password and now it says invalid",
    "I set it to 2.4GHz and the wifi still drops",
    "changed my flight to BA2490 and the app crashed",
    "I updated the app to 4.2.1 and can't log in with my password",
    "we changed your plan to Premium2 as requested",
    "I changed it to Windows11 and now my password won't work",
    "changed the discount code to SAVE20",
    "changed the order code to 4471",
    "I set the alarm to 0630",
    "the password was changed to meet the new rules",
    "set the password to at least 12 characters",
    "ich habe die Bestellung auf 3 Stück geändert",
    "j'ai changé la date en 12/06",
])
def test_a_secret_changed_to_a_value_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- a security question's answer labelled by its topic ----------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("first pet: Pickles", "Pickles"),
    ("name of first pet — Marmalade", "Marmalade"),
    ("first school: Oakfield Primary", "Oakfield Primary"),
    ("First pet's name: noodle", "noodle"),
    ("childhood nickname: Sprout", "Sprout"),
    ("favourite football team (security q): Hibernian", "Hibernian"),
    ("Security question: first car? Answer: Micra", "Micra"),
    ("Sicherheitsfrage: Name des ersten Haustiers – Strolch", "Strolch"),
    ("pytanie pomocnicze: imię psa – Azor", "Azor"),
    ("the answer to my security question is walrus", "walrus"),
    ("my first car was a Panda, Panda is my security answer", "Panda"),
])
def test_an_answer_labelled_by_its_topic(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "first pet: a hamster, sadly died",
    "my first car was a Fiesta and it was great",
    "favourite team: none really",
    "security question: what was my first pet? I can't remember",
    "first school - I forgot",
    "Security questions: we no longer use them.",
    "First name: Joanna",
    "first step: open the app",
    "first pet? no idea",
    "Sicherheitsfrage: vergessen",
    "favourite film: Inception",              # a form's topic with no security question in the text
    "first car: Corsa, loved it",
])
def test_an_answer_labelled_by_its_topic_look_alikes(detector, text):
    assert sensitive(detector, text) == []


# -- digits after what they open, with no code word ------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("side gate: 6610#", "6610#"),
    ("the gate is 1974, the door is 3031", "1974"),
    ("alarm is 2468, disarm it as you come in", "2468"),
    ("shed padlock 528", "528"),
    ("please enter 3904 on the keypad", "3904"),
    ("the safe in the wardrobe: 0715", "0715"),
    ("Alarmanlage: 7093", "7093"),
    ("kod do alarmu 5127", "5127"),
    ("Hintertür: 8140", "8140"),
    ("la puerta: 2206#", "2206#"),
    ("il cancello è 4319", "4319"),
    ("punch in 6652 at the front door", "6652"),
    ("the alarm (hall panel): 9013", "9013"),
])
def test_digits_after_what_they_open(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "gate 14 is closing, boarding now",
    "Gate B22, boarding at 14:05",
    "my alarm is 0630 every morning",
    "garage 2024 service was expensive",
    "the garage: 1200 euros for the clutch",
    "the safe is 4500 kr",
    "door 1204 on the 12th floor",
    "the gate was built in 1966",
    "locker 1234 is jammed",
    "press 1 for sales",
    "enter 2024 in the year field",
    "enter 4 digits on the keypad",
    "Tor 3 ist geschlossen",
    "padlock 40mm, pack of two",
])
def test_digits_after_what_they_open_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- a code given before its name, as the messages that carry one write it --------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("G-604417 is your Google verification code", "604417"),
    ("TW-83302 is your confirmation code, got this and didn't ask for it", "83302"),
    ("318064 is your WhatsApp code, don't share it", "318064"),
    ("770913 ist dein Bestätigungscode", "770913"),
    ("209118 est votre code de vérification", "209118"),
    ("509 331 es tu código de acceso", "509 331"),
    ("kodunuz 662014, kimseyle paylaşmayın", "662014"),
    ("bana 730915 kodu geldi, ben istemedim", "730915"),
    ("ваш код 381907", "381907"),
    ("пришёл код 204816, я его не запрашивал", "204816"),
    ("SMSで届いたコードは 481106 です", "481106"),
])
def test_a_code_before_its_name(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "10115 is the postcode for Mitte",
    "4471 is the error code on the boiler",
    "2024 is the year code on the tyre",
    "order 552019 is the code you quote for returns",
    "SAVE20 is your discount code",
    "33012 is your promo code for 10% off",
    "bana 3 kodu geldi",            # (a count, not a code)
])
def test_a_code_before_its_name_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- a one-time code received by text, with no code word ----------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("I just got 604 118 by SMS, I didn't ask for it", "604 118"),
    ("got a text with 318207 in it, someone must be trying my account", "318207"),
    ("they texted me 902 561, is it a scam?", "902 561"),
    ("received 81 40 77 via sms just now", "81 40 77"),
    ("the bank sent 773104 to confirm the payment", "773104"),
    ("the 6 digits were 550917", "550917"),
    ("hab eben per SMS 661 203 bekommen, war das ihr?", "661 203"),
    ("j'ai reçu 408 193 par SMS sans rien demander", "408 193"),
])
def test_a_code_received_by_text(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "text STOP to 882201 to opt out",
    "received a text asking me to pay 120000 won",
    "got an sms about order 552019",
    "the sms said my parcel 771203 is delayed",
    "received your message of 201123",
    "I got a text from 447700 about my parcel",
    "got a text with 2 links in it",
])
def test_a_code_received_by_text_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- what hands over a parcel or an order, named as its number, PIN or code ---------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("pickup code 603391, the locker won't open", "603391"),
    ("collection number 8120 at the click & collect desk", "8120"),
    ("Abholnummer 550317, liegt das Paket schon da?", "550317"),
    ("numéro de retrait : 771904", "771904"),
    ("código de recogida 6028", "6028"),
    ("pick-up no. 4417 for the locker at the station", "4417"),
    ("受取番号 8831 で受け取れますか", "8831"),
    ("the claim code is QX4P-7TRM-2200", "QX4P-7TRM-2200"),
])
def test_a_pickup_code_named(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "claim number 4471 for your insurance",
    "claim no. 88120934 has been rejected",
    "release number 2024 of the firmware",
    "pickup at 1400 from gate 3",
    "Abholnummer 2023",
    "pickup code not received yet",
])
def test_a_pickup_code_named_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- password and PIN words in more forms -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("mera password hai Sonu@2021", "Sonu@2021"),
    ("bhai wifi ka password hai ghar#4417", "ghar#4417"),
    ("uska pw tha Golu_1998", "Golu_1998"),
    ("मेरा पासवर्ड है ankit@321", "ankit@321"),
    ("पासवर्ड: neha1996 है", "neha1996"),
    ("pw for netflix - Ortega2022", "Ortega2022"),
    ("network password — Lark_Meadow_7", "Lark_Meadow_7"),
    ("code wifi : bernard_villa_31", "bernard_villa_31"),
    ("wifi-koden er 40917733", "40917733"),
    ("PIN saya 504913", "504913"),
    ("pin bancomat 6620, l'ho scritto qui", "6620"),
    ("the pin no. is 7315", "7315"),
])
def test_a_password_or_pin_word_in_more_forms(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "mera password hai nahi yaad",
    "password tha purana, naya chahiye",
    "पासवर्ड भूल गया हूं",
    "password for the router: printed on the sticker",
    "wifi-koden er på routeren",
    "PIN saya lupa",
    "pin bancomat bloccato dopo 3 tentativi",
    "the pin no. is on the back of the letter",
])
def test_a_password_or_pin_word_in_more_forms_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- a made-up value typed, entered or logged in with, said to fail -----------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("It keeps saying incorrect even though I'm typing Mabel2016 exactly", "Mabel2016"),
    ("I'm entering Juniper1984 and it won't accept it", "Juniper1984"),
    ("i keep putting in Pepper2013! and it fails", "Pepper2013!"),
    ("it rejects Saturn#6 every time", "Saturn#6"),
    ("use 'Friday77' to log in", "Friday77"),
    ("ich gebe Herbst2019 ein und es geht nicht", "Herbst2019"),
    ("je tape Marée2021 et ça ne marche pas", "Marée2021"),
    ("pongo Nube2022 y no entra", "Nube2022"),
    ("wpisuję Burek2018 i nie działa", "Burek2018"),
])
def test_a_value_typed_that_fails(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "It keeps saying incorrect even though I'm typing it exactly",
    "I'm entering my email and it won't accept it",
    "it rejects iOS17 devices",
    "I used Chrome 120 to sign in and it fails",
    "I enter E-2291 in the error form and nothing happens",
    "I'm entering 2024 as the year and it says invalid",
    "I typed order 448201 and it says not found",
])
def test_a_value_typed_that_fails_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- a log-in written as a mailbox and its password ---------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("my netflix login is fam.ruiz@gmail.com : Ruiz2024", "Ruiz2024"),
    ("creds are tom@corp.example:Autumn2023!", "Autumn2023!"),
    ("lena.k@outlook.com Spring2022! (that's my login)", "Spring2022!"),
    ("account: p.nowak@wp.pl | Kasia#1990", "Kasia#1990"),
])
def test_a_mailbox_and_its_password(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "my account email is anna@web.de 2x a week I get spam",
    "log in as ops@acme.io v2.1 is broken",
    "account: maria@gmail.com, order 552019",
    "login maria@gmail.com (since 2019)",
])
def test_a_mailbox_and_its_password_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- a word and two digits after a password word; "is still" in more languages ------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("my password? it's Marigold66", "Marigold66"),
    ("암호는 panda55 입니다", "panda55"),
    ("パスワードは「hikari88」です", "hikari88"),
    ("Passwort ist wie immer Strolch2018", "Strolch2018"),
    ("le mot de passe reste Madeleine55", "Madeleine55"),
    ("la contraseña sigue siendo Canela2017", "Canela2017"),
    ("la password è ancora Gelato2016", "Gelato2016"),
])
def test_a_password_as_people_pick_them(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "my password? it stopped working on Windows11",
    "it's an iPhone15, the password prompt keeps coming back",
    "Passwort ist wie immer falsch",
    "le mot de passe reste bloqué",
    "la contraseña sigue siendo incorrecta",
])
def test_a_password_as_people_pick_them_look_alikes(detector, text):
    assert secrets(detector, text) == []


# -- a code named by what it opens, in more languages --------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("Код от сейфа 6093", "6093"),
    ("код від дверей 5182", "5182"),
    ("كود الباب 7350", "7350"),
    ("दरवाज़े का कोड 2817 है", "2817"),
    ("Mã cửa là 9024", "9024"),
    ("kode pintu 3361, jangan disebar", "3361"),
])
def test_a_code_named_by_what_it_opens_in_more_languages(detector, text, value):
    assert value in secrets(detector, text)


@pytest.mark.parametrize("text", [
    "Код от сейфа потерял, что делать?",
    "كود الباب لا يعمل",
    "kode pintu 2024 model baru",
    "mã cửa hàng 4471",        # a shop's ("cửa hàng") code
])
def test_a_code_named_by_what_it_opens_in_more_languages_look_alikes(detector, text):
    assert secrets(detector, text) == []
