"""The words that name a sensitive value, by kind and by language: data for bridge/pipeline/privacy.py.

One table per kind; each maps a language (ISO 639-1) to the phrases people write before (or around) such a
value, in lower case, inflected forms listed as they are written (Swedish "lösenordet", Turkish "şifrem",
Polish "hasło" and "haslo" without its diacritic). `pattern()` turns a table into one alternation of whole
words (a space in a phrase matches any run of spaces or a hyphen where written so); `gate()` gives the one
word of each phrase a text must contain for the pattern to be worth running (the detector collects a text's
words once and tests these sets before any costly pattern).

The tables were written from the languages' own forms (the words a customer or an agent uses), not from
any corpus text; a phrase here must name the value, not merely be near it.

For OTP_WORDS, BIRTH_WORDS, ACCOUNT_WORDS, UNIT_WORDS and OWNER_WORDS the English entry is a record only: those
English words are matched by privacy.py's hand-written patterns, which carry the grammar around them; the other
languages' entries are compiled from here and tried only on a text holding one of their gate words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

Table = Mapping[str, tuple[str, ...]]

_TOKEN = re.compile(r"[^\W\d_]+")


def phrases(table: Table, languages: Iterable[str] | None = None) -> list[str]:
    """Every phrase of the table (or of some of its languages), longest first, without repeats."""
    chosen = table if languages is None else {lang: table[lang] for lang in languages if lang in table}
    return sorted({p for group in chosen.values() for p in group}, key=lambda p: (-len(p), p))


def pattern(table: Table, languages: Iterable[str] | None = None) -> str:
    """A regex alternation (no flags, no group) of the table's phrases: each phrase as whole words."""
    parts = []
    for phrase in phrases(table, languages):
        escaped = re.escape(phrase).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?")
        parts.append(escaped.replace("'", "['’]"))
    return "(?:" + "|".join(parts) + ")"


# Words too common in English texts to gate a pattern on: a phrase's gate word is its longest other word
_TOO_COMMON = frozenset(
    "code pin the de la le el il my mi me to is no on nr number nummer numero numéro número numer card id first "
    "school question security sign service services customer phone store shop office local standard ring business "
    "branch support state national tax insurance file identity c sa our your wifi wi fi network app".split())


def gate(*tables: Table, languages: Iterable[str] | None = None) -> frozenset[str]:
    """For each phrase, its longest word (not one too common to tell anything, where it has another): a text
    without any of these cannot match `pattern()`."""
    words = set()
    for table in tables:
        for phrase in phrases(table, languages):
            tokens = _TOKEN.findall(phrase.lower())
            telling = [t for t in tokens if t not in _TOO_COMMON] or tokens
            if telling:
                words.add(max(telling, key=len))
    return frozenset(words)


def abroad(table: Table) -> list[str]:
    """The table's languages other than English: their patterns run only when their gate words are in a text."""
    return [lang for lang in table if lang != "en"]


def spaced_abroad(table: Table) -> list[str]:
    """abroad(), but for the languages written without spaces between words (their phrases are found anywhere in
    a run of letters: see privacy._unspaced_phrases)."""
    return [lang for lang in abroad(table) if lang not in UNSPACED_LANGUAGES]


# -- secrets ------------------------------------------------------------------------------------------
# The word for a password (and a network key) in each language
PASSWORD_WORDS: Table = {
    "en": ("password", "pass word", "passwd", "passwrd", "pasword", "passowrd", "psswd", "pswd", "pswrd", "pwrd",
           "pwd", "pw", "p/w", "pword", "passcode", "pass code", "pass", "passphrase", "wifi key", "wi-fi key",
           "wpa key", "wpa2 key", "network key", "app password"),
    "de": ("passwort", "kennwort", "wlan-passwort", "wlan-schlüssel", "netzwerkschlüssel", "zugangsdaten",
           "einmalpasswort", "einmalkennwort", "startpasswort", "initialpasswort",
           # (as typed in a hurry)
           "passwrot", "paswort", "passwot"),
    "fr": ("mot de passe", "mdp", "mot-de-passe", "clé wifi", "clé wi-fi"),
    "es": ("contraseña", "contrasena", "clave", "clave wifi"),
    "it": ("parola d'ordine", "chiave wifi"),
    "pt": ("senha", "palavra-passe"),
    "nl": ("wachtwoord", "wachtwoordje", "wifi-sleutel", "ww"),
    "pl": ("hasło", "haslo", "hasła", "hasla", "hasłem"),
    "sv": ("lösenord", "lösenordet", "losenord", "losenordet", "lösen", "losen", "wi-fi-nyckel", "wifi-nyckel",
           "wifinyckel", "wlan-nyckel", "nätverksnyckel"),
    "da": ("adgangskode", "adgangskoden", "kodeord", "kodeordet"),
    "no": ("passord", "passordet"),
    # (Finnish and Turkish add possessive and case endings: salasanasi "your password", şifreni "my password (acc.)")
    "fi": ("salasana", "salasanani", "salasanan", "salasanasi", "salasananne", "salasanamme", "salasanaa",
           "salasanaksi", "salasanalla"),
    "tr": ("şifre", "şifrem", "şifreniz", "şifresi", "sifre", "sifrem", "parola", "parolam", "parolanız", "şifren",
           "şifremi", "şifrenizi", "şifreyi", "parolan", "parolamı"),
    "cs": ("heslo", "hesla", "heslem", "heslu"),
    "el": ("κωδικός", "κωδικός πρόσβασης", "κωδικό", "κωδικό πρόσβασης", "συνθηματικό"),
    # more languages, with their possessive and case endings (Hungarian jelszavam "my password", Romanian parola mea,
    # Indonesian kata sandi, Croatian lozinka, Estonian parool, Lithuanian slaptažodis, Bulgarian and Ukrainian)
    "hu": ("jelszó", "jelszo", "jelszavam", "jelszavad", "jelszava", "jelszavunk", "jelszót", "jelszot", "jelszavamat",
           "jelszavát"),
    # (Romanian "e", "is", is "and" in Italian: only right after the password word)
    "ro": ("parola", "parolă", "parola mea", "parola ta", "parola dvs", "parolei", "parola mea e", "parola e",
           "parola ta e", "parola mea este"),
    "id": ("kata sandi", "katasandi", "kata sandinya", "kata sandi saya", "sandinya", "kata laluan"),
    "ms": ("kata laluan", "katalaluan", "kata laluan saya"),
    "hr": ("lozinka", "lozinku", "lozinke", "lozinkom", "zaporka", "zaporku"),
    "et": ("parool", "parooli", "salasõna"),
    "ca": ("contrasenya", "contrasenyes", "clau d'accés"),
    "lt": ("slaptažodis", "slaptažodį", "slaptazodis"),
    "bg": ("парола", "паролата"),
    "uk": ("пароль", "паролем", "паролю"),
    # Korean and Arabic (written with spaces between words: their gate words work as in the others)
    "ko": ("비밀번호", "비번", "패스워드", "암호"),
    "ar": ("كلمة السر", "كلمة المرور", "الباسورد", "الرقم السري", "والباسورد", "وكلمة السر", "وكلمة المرور", "والرقم السري"),
    "vi": ("mật khẩu", "mat khau", "mk cũ", "mk mới", "mk của em", "mk của mình", "mk:"),
    # Hindi, and the Latin words of Hinglish ("mera password hai …": "is" after the word, see SECRET_IS)
    "hi": ("पासवर्ड", "पासवर्ड"),
    "ta": ("கடவுச்சொல்", "பாஸ்வர்டு", "பாஸ்வேர்ட்", "பாஸ்வேர்டு"),
    "bn": ("পাসওয়ার্ড", "পাসওয়ার্ড", "পিন", "পিন নম্বর"),
}
# "hasło mam pierogi2025", "das Passwort habe ich auf …", "contraseña tengo …": "I have" (or "I set", "I used") between
# a password word and its value, in each language
PASSWORD_HAVE: Table = {
    "en": ("i have", "i've got", "i use", "i used", "i set", "i chose"),
    "de": ("habe ich", "hab ich", "hatte ich", "nutze ich"),
    "fr": ("j'ai", "j'avais", "j'utilise"),
    "es": ("tengo", "tenía", "puse", "uso"),
    "it": ("ho", "avevo", "uso", "ho messo"),
    "pt": ("tenho", "tinha", "coloquei", "uso"),
    "nl": ("heb ik", "had ik", "gebruik ik"),
    "pl": ("mam", "miałem", "miałam", "ustawiłem", "ustawiłam", "używam"),
    "sv": ("har jag", "hade jag", "använder jag"),
    "da": ("har jeg", "havde jeg", "bruger jeg"),
    "no": ("har jeg", "hadde jeg", "bruker jeg"),
    "fi": ("minulla on", "mulla on", "käytän"),
    "tr": ("olarak",),
    "cs": ("mám", "mam", "měl jsem", "měla jsem", "používám"),
    # (whose it is, between the word and its value: Egyptian "بتاعتي" "mine", Vietnamese "của em là" "of mine is")
    "ar": ("بتاعتي", "بتاعي", "الخاصة بي", "بتاعتي هي", "بتاعي هو"),
    "vi": ("của em là", "của mình là", "của tôi là", "của anh là", "của chị là"),
}
# German, Dutch and the Nordic languages write a password word as the end of a compound ("Initialpasswort",
# "Einmalkennwort", "startwachtwoord", "engangspassord", "WLAN-Passwort"): these stems end such a word
PASSWORD_STEMS: tuple[str, ...] = ("passwort", "kennwort", "wachtwoord", "lösenord", "lösenordet", "losenord",
                                   "passord", "passordet", "adgangskode", "adgangskoden", "kodeord", "kodeordet",
                                   "salasana", "salasanasi")
# What joins a password word to its value ("is", "ist", "c'est", "è", "jest", "är" …), besides ":" and "="
SECRET_IS: Table = {
    "sw": ("ni", "ni sasa", "imebadilishwa kuwa"),  # ("PIN yako mpya ya muda ni 3829")
    "en": ("is", "was", "is now", "is still", "has been set to", "set to", "reset to", "changed to", "now",
           "has been reset to", "was reset to", "has been changed to", "was changed to",
           # ("the key safe now opens with 2 0 5 8")
           "opens with", "now opens with", "unlocks with", "now unlocks with"),
    # (and "changed to" in each: "a senha do portão foi trocada para 40719")
    "de": ("ist", "lautet", "war", "ist jetzt", "lautet jetzt", "ist wie immer", "ist immer noch", "ist noch", "bleibt",
           "geändert auf", "geändert in", "wurde geändert auf", "wurde geändert in", "umgestellt auf"),
    # (and "is still" in each: "le mot de passe reste …", "la contraseña sigue siendo …", "è ancora …")
    "fr": ("est", "c'est", "était", "est maintenant", "reste", "est toujours", "est encore", "changé en",
           "changé pour", "a été changé en", "a été changé pour", "modifié en", "remplacé par"),
    "es": ("es", "era", "es ahora", "sigue siendo", "sigue", "es todavía", "cambió a", "se cambió a", "ha cambiado a",
           "cambiado a", "cambiada a", "cambiamos a", "pasó a ser"),
    "it": ("è", "e'", "era", "è ora", "è ancora", "è sempre", "resta", "rimane", "cambiato in", "cambiata in",
           "è stato cambiato in", "è stata cambiata in", "modificato in", "modificata in"),
    "pt": ("é", "era", "agora é", "continua", "continua sendo", "ainda é", "foi trocada para", "foi trocado para",
           "foi alterada para", "foi alterado para", "foi mudada para", "foi mudado para", "mudou para", "trocada para",
           "alterada para"),
    "nl": ("is", "was", "is nu", "is nog steeds", "is nog", "blijft", "veranderd in", "gewijzigd in", "gewijzigd naar"),
    "pl": ("to", "jest", "brzmi", "zmieniono na", "zmieniłem na", "zmieniłam na", "zmienione na"),
    "sv": ("är", "var", "är nu"),
    "da": ("er", "var", "er nu"),
    "no": ("er", "var"),
    "fi": ("on",),
    "tr": ("şu",),
    "cs": ("je", "zní", "bylo", "změnil na", "změnila na", "změněno na", "změnil jsem na", "změnila jsem na"),
    "el": ("είναι", "ήταν"),
    "hu": ("volt", "most"), "ro": ("este", "era", "e"), "id": ("adalah", "yaitu", "ialah"), "hr": ("je", "glasi"),
    "vi": ("là",), "ar": ("هي", "هو"), "hi": ("hai", "tha", "है", "था"),
    "et": ("on", "oli"), "lt": ("yra", "buvo"), "bg": ("е", "беше"), "uk": ("це", "є", "був"),
    "ca": ("és", "era"),
    "ms": ("ialah", "adalah"),
}
# Words between a password word and its value that say which one ("clave provisional es …", "temporäres")
SECRET_QUALIFIERS: Table = {
    "en": ("temporary", "temp", "new", "old", "current", "default"),
    "de": ("neues", "neue", "temporäres", "vorläufiges", "aktuelles", "alte", "altes"),
    "fr": ("provisoire", "temporaire", "actuel", "nouveau"),
    "es": ("provisional", "temporal", "nueva", "nuevo", "actual"),
    "it": ("provvisoria", "temporanea", "nuova", "attuale"),
    "pt": ("provisória", "provisoria", "temporária", "temporaria", "nova", "atual"),
    "nl": ("tijdelijke", "nieuwe", "huidige"),
    "pl": ("tymczasowe", "nowe", "tymczasowy"),
    "sv": ("tillfälliga", "nya", "tillfälligt"),
    "da": ("midlertidige", "nye"),
    "no": ("midlertidige", "nye"),
    "fi": ("väliaikainen", "uusi"),
    "tr": ("geçici", "yeni"),
    "cs": ("nové", "dočasné", "nový", "dočasný", "současné"),
}
# Other things that hold a code or key to something, named before it and joined to it by SECRET_IS or ":" with
# a few words between ("the lockbox by the front door is …", "o código de ativação do seu cartão é …")
ACCESS_CODE_WORDS: Table = {
    "en": ("keypad", "keypad code", "lockbox", "lock box", "key box", "keybox", "key safe", "keysafe", "wifi key",
           "wi-fi key", "wifi password", "wi-fi password", "backup code", "backup codes", "recovery code",
           "recovery codes", "activation code", "unlock code", "tan", "share code", "guest code", "invite code",
           # (whoever holds them takes the tickets, the gift card or the domain)
           "claim code", "epp code"),
    "de": ("tan", "mtan", "pushtan", "aktivierungscode", "wiederherstellungscode", "schlüsselbox", "schlüsselkasten",
           "entsperrcode"),
    "fr": ("digicode", "code de récupération", "code d'activation", "boîte à clés", "code de déverrouillage"),
    "es": ("código de activación", "código de recuperación", "caja de llaves", "código de desbloqueo"),
    "it": ("codice di attivazione", "codice di recupero", "cassetta delle chiavi", "codice di sblocco"),
    "pt": ("código de ativação", "código de recuperação", "caixa de chaves", "código de desbloqueio"),
    "nl": ("sleutelkastje", "sleutelkluis", "sleutelkluisje", "herstelcode", "activeringscode", "ontgrendelcode"),
    "pl": ("blik", "kod blik", "kod aktywacyjny", "kod odzyskiwania", "skrytka na klucze"),
    "sv": ("kodlås", "nyckelbox", "nyckelskåp", "återställningskod", "aktiveringskod"),
    "da": ("nøgleboks", "nøgleboksen", "gendannelseskode", "aktiveringskode"),
    "no": ("nøkkelboks", "nøkkelboksen", "gjenopprettingskode", "aktiveringskode"),
    "fi": ("avainlaatikko", "palautuskoodi", "aktivointikoodi"),
    "tr": ("aktivasyon kodu", "kurtarma kodu", "anahtar kutusu"),
    "cs": ("aktivační kód", "kód k trezoru", "obnovovací kód"),
    "ms": ("kod pengaktifan", "kod akses", "kod aktivasi"),
    "id": ("kode aktivasi", "kode akses"),
}
# "har koden 3971", "TAN 718 204": words that hold their code right after them, with no joining word
CODE_FOLLOWS: Table = {
    "en": ("tan",), "de": ("tan", "mtan", "pushtan"), "pl": ("blik", "kod blik"), "sv": ("koden",),
    "da": ("koden",), "no": ("koden",),
}
# PINs and the codes of doors, gates, key safes and alarms
PIN_WORDS: Table = {
    "en": ("pin", "pin code", "pin number", "pin no", "puk", "nip", "alarm code", "door code", "gate code",
           "building code", "entry code", "keysafe code", "key safe code", "lockbox code", "lock box code",
           "garage code", "entrance code", "keypad code", "safe code", "padlock code", "buzzer code",
           "access code", "voicemail pin", "sim pin", "combo", "combination", "lockbox combo", "lock combo",
           "keypad", "mpin", "m-pin", "tpin", "upi pin", "puk code", "puk number", "pin ewallet", "pin e-wallet", "ewallet pin", "e-wallet pin"),
    "de": ("pin-nummer", "pin-code", "geheimzahl", "türcode", "torcode", "alarmcode", "schlüsselsafe-code",
           "zugangscode", "tresorcode"),
    "fr": ("code pin", "code secret", "digicode", "code de la porte", "code porte", "code du portail",
           "code portail", "code d'entrée", "code d'accès", "code de l'alarme", "code alarme"),
    "es": ("código pin", "codigo pin", "pin de la tarjeta", "código de la puerta", "código del portal",
           "código de acceso", "código de la alarma", "clave de la puerta"),
    "it": ("codice pin", "codice del cancello", "codice del portone", "codice d'ingresso", "codice dell'allarme",
           "codice allarme", "codice di accesso"),
    "pt": ("código pin", "código do portão", "código da porta", "código do alarme", "código de acesso"),
    "nl": ("pincode", "deurcode", "poortcode", "alarmcode", "toegangscode", "sleutelkluis code"),
    "pl": ("kod pin", "pin do karty", "kod do drzwi", "kod do bramy", "kod domofonu", "kod do domofonu", "kod alarmu"),
    "sv": ("pin-kod", "pinkod", "pin-koden", "portkod", "portkoden", "dörrkod", "larmkod", "larmkoden"),
    "da": ("pin-kode", "pinkode", "pinkoden", "dørkode", "portkode", "alarmkode"),
    "no": ("pin-kode", "pinkode", "dørkode", "portkode", "alarmkode"),
    "fi": ("pin-koodi", "ovikoodi", "hälytyskoodi"),
    "tr": ("pin kodu", "pin kodum", "kapı şifresi", "kapı kodu", "alarm kodu", "alarm şifresi"),
    "cs": ("pin kód", "kód ke dveřím", "kód od dveří", "kód alarmu"),
}
# One-time, verification and confirmation codes
OTP_WORDS: Table = {
    "en": ("otp", "one-time code", "one time code", "one-time password", "one-time passcode", "2fa code",
           "mfa code", "verification code", "security code sent", "login code", "sign-in code", "auth code",
           "authentication code", "confirmation code sent", "sms code", "text code", "tan", "tac"),
    "de": ("bestätigungscode", "bestatigungscode", "verifizierungscode", "einmalcode", "sicherheitscode",
           "anmeldecode", "sms-code", "mtan", "tan-nummer", "freigabecode"),
    "fr": ("code de vérification", "code de verification", "code de confirmation", "code de sécurité",
           "code à usage unique", "code sms", "code reçu par sms"),
    "es": ("código de verificación", "codigo de verificacion", "código de confirmación", "código de seguridad",
           "código sms", "clave de un solo uso", "código de un solo uso"),
    "it": ("codice di verifica", "codice otp", "codice di conferma", "codice di sicurezza", "codice sms"),
    "pt": ("código de verificação", "codigo de verificacao", "código de confirmação", "código de segurança",
           "código sms", "token sms"),
    "nl": ("verificatiecode", "bevestigingscode", "sms-code", "beveiligingscode", "inlogcode", "eenmalige code"),
    "pl": ("kod weryfikacyjny", "kod sms", "kod jednorazowy", "kod potwierdzający", "kod autoryzacyjny"),
    "sv": ("verifieringskod", "verifikationskod", "engångskod", "bekräftelsekod", "sms-kod", "säkerhetskod"),
    "da": ("bekræftelseskode", "engangskode", "sms-kode", "sikkerhedskode", "verifikationskode"),
    "no": ("bekreftelseskode", "engangskode", "sms-kode", "sikkerhetskode"),
    "fi": ("tunnusluku", "tunnuslukusi", "kertakäyttöinen tunnusluku", "kertakäyttöinen tunnuslukusi", "vahvistuskoodi", "kertakäyttökoodi", "turvakoodi"),
    "tr": ("doğrulama kodu", "dogrulama kodu", "onay kodu", "tek kullanımlık kod", "sms kodu", "güvenlik kodu",
           "doğrulama kodunuz", "dogrulama kodunuz", "doğrulama kodum", "onay kodunuz", "sms kodunuz",
           "giriş kodu", "giriş kodunuz", "giriş kodum", "tek kullanımlık giriş kodunuz", "tek kullanımlık kodunuz"),
    # Vietnamese and Indonesian: a verification code, and a parcel locker's pick-up code (mã nhận hàng)
    "vi": ("mã xác nhận", "mã xác thực", "mã otp", "mã nhận hàng", "mã lấy hàng", "mã mở tủ", "mã kích hoạt"),
    "id": ("kode verifikasi", "kode otp", "kode konfirmasi", "kode aktivasi"),
    "cs": ("ověřovací kód", "overovaci kod", "jednorázový kód", "potvrzovací kód", "sms kód"),
}
# What a lock's code opens (a key safe, a lockbox, a smart lock, a car park's barrier, a gate, a locker), in each
# language: a code's digits in a sentence naming one are that lock's code
LOCK_WORDS: Table = {
    "en": ("key safe", "keysafe", "key box", "lockbox", "lock box", "smart lock", "padlock", "combination lock",
           "barrier", "gate", "door", "side door", "front door", "back door", "garage", "locker", "entry keypad", "lobby",
           "keypad",
           # (an alarm's panel is disarmed with a user's code: "disarmed at 23:14 using the user code 5591")
           "alarm", "alarm panel", "disarmed", "disarm"),
    # (and safes and bicycle locks: "Tresor", "cassaforte", "slot van de bakfiets", "fietsslot")
    # (and the compounds and diminutives that name which one: "Hintertür", "sleutelkluisje", "voordeur", "ytterdörren")
    "de": ("schlüsseltresor", "schlüsselkasten", "schlüsselbox", "tor", "tür", "haustür", "schranke", "schließfach",
           "tresor", "zahlenschloss", "fahrradschloss", "hintertür", "seitentür", "gartentor", "garagentor",
           "hoftor", "kellertür", "wohnungstür"),
    "fr": ("boîte à clés", "boite à clés", "portail", "porte", "barrière", "casier", "serrure", "coffre-fort",
           "cadenas"),
    "es": ("caja de llaves", "cajetín", "portón", "puerta", "barrera", "taquilla", "candado", "cerradura",
           "caja fuerte"),
    "it": ("cassetta delle chiavi", "cassetta portachiavi", "cancello", "cancello carraio", "porta", "portone",
           "sbarra", "armadietto", "lucchetto", "cassaforte"),
    "pt": ("cofre de chaves", "portão", "porta", "cancela", "cacifo", "cadeado", "fechadura", "cofre"),
    "nl": ("sleutelkluis", "sleutelkastje", "poort", "deur", "slagboom", "kluisje", "kluis", "fietsslot", "cijferslot",
           "codeslot", "hangslot", "kettingslot", "slot van", "het slot", "sleutelkluisje", "sleutelkastjes",
           "voordeur", "achterdeur", "zijdeur", "garagedeur", "tuinpoort", "tuindeur", "voordeurtje"),
    "pl": ("sejf na klucze", "brama", "bramy", "drzwi", "szlaban", "skrytka", "kłódka", "sejf"),
    "ro": ("ușa", "ușii", "usa", "interfon", "interfonul", "poarta", "porții", "yala", "seif"),
    "sv": ("nyckelskåp", "nyckelbox", "grind", "dörr", "porten", "bom", "skåp", "dörren", "ytterdörr", "ytterdörren",
           "grinden", "källardörren", "nyckelskåpet"),
    "da": ("nøgleboks", "låge", "dør", "bom", "skab", "døren", "hoveddør", "hoveddøren", "bagdøren", "lågen"),
    "no": ("nøkkelboks", "port", "dør", "bom", "skap", "døra", "døren", "ytterdør", "ytterdøra", "porten"),
}
# The plain word for a code, in each language: digits after it, "is" and a few words apart, are a code someone was
# given ("din tillfälliga kod är 448 120", "el código que me llegó es 662 071"), unless a word between says which
# public code it is (NOT_A_SECRET_CODE)
CODE_WORDS: Table = {
    "en": ("code",), "de": ("code",), "fr": ("code",), "es": ("código", "codigo"), "it": ("codice",),
    "pt": ("código", "codigo"), "nl": ("code",), "pl": ("kod", "kodu"), "sv": ("kod", "koden"),
    "da": ("kode", "koden"), "no": ("kode", "koden"), "fi": ("koodi", "koodisi", "koodin"),
    "tr": ("kod", "kodu", "kodunuz", "kodum"), "cs": ("kód", "kod", "kódem"), "ro": ("cod", "codul"),
}
# Words of a code passing between people ("sent", "received", "asked for", "gave", "typed in"): a code word followed
# by its digits in a sentence holding one of these is a code someone was given ("me han pedido el código del bizum
# 739 204", "ich habe den Code 4471 bekommen"). (English: privacy.py's _OTP_SENT.)
CODE_PASSED: Table = {
    "en": ("sent", "send", "texted", "got", "received", "emailed", "entered", "typed", "asked", "gave", "shared"),
    "de": ("geschickt", "gesendet", "bekommen", "erhalten", "eingegeben", "gefragt", "gegeben", "verlangt",
           "mitgeteilt", "zugeschickt"),
    "fr": ("reçu", "recu", "envoyé", "envoye", "demandé", "donné", "saisi", "tapé", "communiqué"),
    "es": ("recibí", "recibido", "llegó", "llego", "enviado", "enviaron", "pedido", "pidieron", "pidió", "di",
           "dado", "mandaron", "mandado", "introducido", "puse"),
    "it": ("ricevuto", "arrivato", "inviato", "mandato", "chiesto", "dato", "inserito", "digitato"),
    "pt": ("recebi", "recebido", "chegou", "enviado", "enviaram", "pediram", "pedido", "dei", "passei", "digitei",
           "inserido"),
    "nl": ("gekregen", "ontvangen", "gestuurd", "verstuurd", "gevraagd", "gegeven", "ingevoerd", "ingetypt"),
    "pl": ("dostałem", "dostałam", "otrzymałem", "otrzymałam", "przyszedł", "wysłali", "wysłał", "podałem",
           "podałam", "podał", "wpisałem", "wpisałam", "prosili", "prosił"),
    "sv": ("fick", "fått", "skickade", "skickat", "mottog", "angav", "gav", "frågade"),
    "da": ("fik", "fået", "sendte", "sendt", "modtog", "modtaget", "gav", "spurgte", "indtastede"),
    "no": ("fikk", "fått", "sendte", "sendt", "mottok", "mottatt", "ga", "spurte", "tastet"),
    "fi": ("sain", "saanut", "lähetettiin", "lähetti", "annoin", "kysyi", "syötin"),
    "tr": ("gelen", "geldi", "gönderdi", "gönderilen", "aldım", "verdim", "istedi", "girdim"),
    "cs": ("dostal", "dostala", "přišel", "poslali", "poslal", "zadal", "zadala", "dal", "dala"),
}
# Words between a code word and its digits that make it a public or another thing's code: postal, discount, error,
# tracking, order, product, bank codes … (in the same languages)
NOT_A_SECRET_CODE: Table = {
    "en": ("zip", "post", "postal", "postcode", "area", "country", "promo", "promotional", "discount", "coupon", "clue",
           "puzzle", "riddle",
           "referral", "error", "fault", "status", "tracking", "order", "booking", "reference", "product", "item",
           "tax", "sort", "swift", "bank", "branch", "routing", "qr", "bar", "barcode", "dress", "source", "exit",
           "event", "voucher", "colour", "color", "style", "model", "part", "sku", "airport", "flight", "class",
           # (a place's code, a car park's or a stop's: on its sign for everyone)
           "location", "zone", "tariff"),
    "de": ("postleitzahl", "plz", "rabatt", "rabattcode", "gutschein", "fehler", "fehlercode", "sendung", "bestellung",
           "artikel", "bank", "bankleitzahl", "länder", "vorwahl"),
    "fr": ("postal", "promo", "promotionnel", "réduction", "erreur", "suivi", "commande", "article", "banque",
           "guichet", "pays", "réservation"),
    "es": ("postal", "promocional", "descuento", "error", "seguimiento", "pedido", "producto", "banco", "país",
           "reserva", "área"),
    "it": ("postale", "avviamento", "promozionale", "sconto", "errore", "tracciamento", "ordine", "prodotto",
           "banca", "paese", "prenotazione"),
    "pt": ("postal", "promocional", "desconto", "erro", "rastreio", "rastreamento", "pedido", "produto", "banco",
           "país", "reserva", "barras"),
    "nl": ("postcode", "kortingscode", "korting", "fout", "foutcode", "track", "bestelling", "artikel", "bank",
           "land"),
    "pl": ("pocztowy", "rabatowy", "rabat", "błędu", "bledu", "śledzenia", "zamówienia", "produktu", "banku",
           "kraju"),
    "sv": ("post", "postnummer", "rabatt", "rabattkod", "felkod", "fel", "spårning", "order", "artikel", "bank"),
    "da": ("post", "postnummer", "rabat", "rabatkode", "fejl", "fejlkode", "sporing", "ordre", "bank"),
    "no": ("post", "postnummer", "rabatt", "rabattkode", "feil", "feilkode", "sporing", "ordre", "bank"),
    "fi": ("posti", "postinumero", "alennus", "alennuskoodi", "virhe", "virhekoodi", "seuranta", "tilaus", "pankki"),
    "tr": ("posta", "indirim", "hata", "takip", "sipariş", "ürün", "banka", "ülke"),
    "cs": ("poštovní", "psč", "slevový", "sleva", "chyby", "sledování", "objednávky", "banky", "země"),
}
# A network's key: the word "key" (and its words in the other languages) names a Wi-Fi password only when a network
# word is in the text ("Wi-Fi: MyHome_5G / Key: …", "your Wi-Fi network … and the key is …")
KEY_WORDS: Table = {
    "en": ("key", "wpa key", "security key"), "de": ("schlüssel", "schlussel"), "fr": ("clé", "cle", "clef"),
    "es": ("clave",), "it": ("chiave",), "pt": ("chave",), "nl": ("sleutel",), "pl": ("klucz",),
    "sv": ("nyckel", "nyckeln"), "da": ("nøgle", "nøglen"), "no": ("nøkkel", "nøkkelen"), "fi": ("avain",),
    "tr": ("anahtar", "anahtarı"), "cs": ("klíč",),
}
NETWORK_WORDS: Table = {
    "en": ("wifi", "wi-fi", "wi fi", "wlan", "wpa", "wpa2", "ssid", "network", "router", "hotspot"),
    "de": ("wlan", "netzwerk"), "fr": ("réseau", "reseau"), "es": ("red", "wifi"), "it": ("rete",),
    "pt": ("rede",), "nl": ("netwerk",), "pl": ("sieć", "siec"), "sv": ("nätverk", "nätverket"),
    "da": ("netværk", "netværket"), "no": ("nettverk", "nettverket"), "fi": ("verkko", "verkon"), "tr": ("ağ",),
    "cs": ("síť", "sítě"),
}
# A gift card, voucher or redemption code: a code-shaped value near one of these is a secret
GIFT_WORDS: Table = {
    "en": ("gift card", "giftcard", "gift code", "gift voucher", "voucher", "e-voucher", "redeem", "redemption code",
           "credit code", "store credit", "account credit", "credit voucher",
           "claim code", "redeem code", "store credit code", "egift", "e-gift",
           # a code that is worth something to whoever holds it: a licence or game key, an invite to a paid plan
           "licence key", "license key", "product key", "game key", "activation key", "cd key", "serial key",
           "invite code", "invitation code", "subscription code", "share code",
           # (a credit issued to one account, good for one use: "a $50 credit … It's tied to your account and can be
           # used once")
           "can be used once", "can only be used once", "single-use", "single use", "one-time use"),
    # (and the code of the present, with its article: "il codice del regalo", "el código de regalo")
    "de": ("gutschein", "gutscheincode", "geschenkkarte", "geschenkgutschein", "guthabenkarte", "einlösen",
           "geschenkcode"),
    "fr": ("carte cadeau", "carte-cadeau", "code cadeau", "bon d'achat", "chèque cadeau", "chèque-cadeau",
           "code du cadeau", "code de cadeau"),
    "es": ("tarjeta regalo", "código regalo", "cheque regalo", "vale regalo", "canjear", "código de canje",
           "código de regalo", "código del regalo"),
    "it": ("buono regalo", "carta regalo", "codice regalo", "gift card", "riscattare", "codice del regalo",
           "codice di regalo"),
    "pt": ("cartão presente", "cartao presente", "vale-presente", "cartão-presente", "resgatar",
           "código de presente", "código do presente"),
    "nl": ("cadeaubon", "cadeaukaart", "tegoedbon", "waardebon", "inwisselen", "cadeaucode"),
    "pl": ("karta podarunkowa", "bon podarunkowy", "kod podarunkowy", "voucher"),
    "sv": ("presentkort", "presentkod"),
    "da": ("gavekort", "gavekode"),
    "no": ("gavekort",),
    "fi": ("lahjakortti",),
    "tr": ("hediye kartı", "hediye çeki", "hediye kodu"),
}
# A public promotion's code, posted for everyone ("use discount code SAVE-2024-NOW"): a code right after one is no
# secret, whatever gift or redeem word is near
PROMO_WORDS: Table = {
    "en": ("promo", "promo code", "promotional", "discount", "discount code", "coupon", "coupon code", "referral",
           "referral code", "offer code", "sale code"),
    "de": ("rabatt", "rabattcode", "aktionscode", "gutscheincode für alle", "promo-code"),
    "fr": ("code promo", "réduction", "code de réduction", "parrainage"),
    "es": ("descuento", "código de descuento", "código promocional", "cupón"),
    "it": ("sconto", "codice sconto", "codice promozionale", "coupon"),
    "pt": ("desconto", "cupom", "cupão", "código promocional"),
    "nl": ("korting", "kortingscode", "actiecode"),
    "pl": ("rabat", "kod rabatowy", "kod promocyjny", "zniżka"),
    "sv": ("rabatt", "rabattkod", "kampanjkod"),
    "da": ("rabat", "rabatkode"),
    "no": ("rabatt", "rabattkode"),
    "fi": ("alennus", "alennuskoodi", "kampanjakoodi"),
    "tr": ("indirim", "indirim kodu", "kupon"),
    "cs": ("sleva", "slevový kód"),
}
# A security question and its answer ("the answer is …", "maiden name is …")
SECURITY_QUESTION_WORDS: Table = {
    "en": ("security question", "secret question", "security answer", "memorable word", "memorable answer",
           "security q", "security qs", "sec question", "security q's", "the answer you set", "the answer you chose",
           "maiden name", "security questions", "memorable info", "memorable information", "memorable data",
           # the usual questions themselves, as a site asks them ("first pet's name", "name of your first school")
           "first pet", "first pet's name", "first school", "where your parents met", "street you grew up",
           "childhood best friend",
           "childhood nickname", "favourite teacher", "favorite teacher"),
    "de": ("sicherheitsfrage", "geheimfrage", "mädchenname", "geburtsname der mutter"),
    "fr": ("question secrète", "question de sécurité", "nom de jeune fille"),
    "es": ("pregunta de seguridad", "pregunta secreta", "apellido de soltera"),
    "it": ("domanda di sicurezza", "domanda segreta", "cognome da nubile"),
    "pt": ("pergunta de segurança", "pergunta secreta", "nome de solteira"),
    "nl": ("beveiligingsvraag", "geheime vraag", "meisjesnaam"),
    "pl": ("pytanie bezpieczeństwa", "pytanie pomocnicze", "nazwisko panieńskie"),
    "sv": ("säkerhetsfråga", "säkerhetsfrågan", "flicknamn"),
    "da": ("sikkerhedsspørgsmål", "pigenavn"),
    "no": ("sikkerhetsspørsmål", "pikenavn"),
    "fi": ("turvakysymys",),
    "tr": ("güvenlik sorusu", "kızlık soyadı"),
}
ANSWER_IS: Table = {
    # ("first pet's name — it's Mr Waffles": a name referred back, in capitals, after a security question)
    "en": ("answer is", "answer was", "answer:", "answer's", "maiden name is", "maiden name was", "it's", "it is",
           "which is", "which was",
           # (an agent reading back what is on file: "… and the answer saved is Sunnyridge Primary")
           "answer saved is", "answer on file is", "answer we have is", "answer we have on file is",
           "answer came through as", "answer came in as", "answer shows as", "answer reads",
           "answer you set was", "answer you set is", "answer you chose was", "answer you picked was",
           "maiden name as",
           # (said to a phone, the apostrophe lost: "… is mothers maiden name and its Fitzgerald"; and saved so)
           "and its", "saved as", "now saved as", "is saved as",
           "saved answer is", "answer recorded is", "answer stored is", "answer is saved as", "answer saved as",
           "it was",
           # ("the rep asked my mother's maiden name, I said Kowalczyk"; "new answer is set to …")
           "i said", "i typed", "i entered", "i answered", "i put", "i gave", "answer is set to", "answer set to",
           "said",
           "i keep typing", "keep typing", "i keep entering", "i keep putting", "i tried",
           "answer is now", "answer changed to", "answer ->", "answer →", "answer =>", "answer =",
           # the writer's own answer after the question ("… pet's name — mine is …", '"first school". Mine was …'),
           # or as it was set ("I set it as …"); (after the question quoted, '"city where …" is …': privacy.py)
           "mine is", "mine was", "mine's", "set it as", "set it to", "set as"),
    "de": ("antwort ist", "antwort lautet", "antwort:", "mädchenname ist", "mädchenname lautet"),
    # (and what the writer typed after the question: "j'ai mis …", "puse …", "pus …")
    "fr": ("réponse est", "réponse c'est", "réponse c'était", "réponse était", "réponse :", "réponse:",
           "jeune fille est", "j'ai mis", "j'ai tapé",
           "j'ai répondu", "j'ai écrit"),
    "es": ("respuesta es", "respuesta:", "soltera es", "puse", "escribí", "respondí"),
    "it": ("risposta è", "risposta:", "nubile è"),
    "pt": ("resposta é", "resposta:", "solteira é", "pus", "coloquei", "digitei", "escrevi", "respondi"),
    "nl": ("antwoord is", "antwoord:", "meisjesnaam is"),
    "pl": ("odpowiedź to", "odpowiedź:", "odpowiedz to", "panieńskie to"),
    "sv": ("svaret är", "svar:", "flicknamn är"),
    "da": ("svaret er", "svar:", "pigenavn er"),
    "no": ("svaret er", "pikenavn er"),
    "fi": ("vastaus on",),
    "tr": ("cevap", "cevabı", "yanıt"),
}

# -- national ids -------------------------------------------------------------------------------------
# The names of ids, by the id (the label a finding carries); each in the languages people write it in
ID_NAMES: Mapping[str, tuple[str, ...]] = {
    # (and what asks for it: "the tax site wants it AGAIN\n837 18 7848", "IRS", a W-2's or a FAFSA's form)
    "us_ssn": ("ssn", "ss#", "ss no", "social security", "social security number", "social", "tax site", "irs",
               "fafsa", "w-2", "w2"),
    "gb_nino": ("ni", "nin", "nino", "ni number", "ni no", "national insurance", "national insurance number"),
    "ca_sin": ("sin", "sin number", "social insurance", "social insurance number", "nas",
               "numéro d'assurance sociale"),
    "de_idnr": ("steuer-id", "steuerid", "steuer-identifikationsnummer", "steueridentifikationsnummer",
                "identifikationsnummer", "idnr", "steuerliche identifikationsnummer", "tax id"),
    "fr_nir": ("sécurité sociale", "securite sociale", "sécu", "secu", "nir", "numéro de sécu", "numéro de sécurité "
               "sociale", "insee", "carte vitale", "numéro vitale", "ameli"),
    # ("cédula" is Latin America's word for the same card: a number with a DNI's check letter after it is a DNI)
    "es_dni": ("dni", "nif", "documento", "documento de identidad", "número de dni", "cédula", "cedula"),
    "es_nie": ("nie", "dni", "nif", "tarjeta de residencia"),
    "nl_bsn": ("bsn", "burgerservicenummer", "sofinummer", "sofi-nummer"),
    # (and in India's scripts: Hindi and Marathi आधार, Bengali আধার, Tamil ஆதார், Telugu ఆధార్, Kannada ಆಧಾರ್, Malayalam
    # ആധാർ, Gujarati આધાર, Punjabi ਆਧਾਰ; पैन, a PAN in Hindi)
    "in_aadhaar": ("aadhaar", "aadhar", "adhaar", "uidai", "uid", "आधार", "आधार नंबर", "आधार कार्ड", "आधार संख्या",
                   "आधार क्रमांक", "आधार नं", "আধার", "আধার নম্বর", "ஆதார்", "ஆதார் எண்", "ఆధార్", "ఆధార్ నంబర్",
                   "ಆಧಾರ್", "ആധാർ", "આધાર", "ਆਧਾਰ"),
    "in_pan": ("pan", "pan card", "pan number", "pan no", "पैन", "पैन कार्ड", "पैन नंबर"),
    "br_cpf": ("cpf",),
    "au_tfn": ("tfn", "tax file number", "tax file no", "notice of assessment", "ato"),
    "pl_pesel": ("pesel", "peselu", "numer pesel", "nr pesel", "numeru pesel"),
    # (its English names too: "the personal number on the booking is 910304-7263 (Sweden)"; a phone's "personal
    # number" has no personnummer's shape and check digit)
    "se_personnummer": ("personnummer", "personnumret", "personnr", "pnr", "samordningsnummer", "bankid",
                        "personal number", "personal identity number", "personal id number"),
    "dk_cpr": ("cpr", "cpr-nummer", "cpr-nr", "cpr nr", "personnummer", "personnummeret"),
    "no_fodselsnummer": ("fødselsnummer", "fodselsnummer", "fødselsnummeret", "fodselsnummeret", "fødselsnummeret mitt",
                         "personnummer", "fnr"),
    # (Finnish adds its case and possessive endings to the name: henkilötunnustani "my id (partitive)", hetuni)
    "fi_hetu": ("henkilötunnus", "henkilotunnus", "hetu", "sotu", "henkilötunnukseni", "henkilötunnuksesi",
                "henkilötunnuksen", "henkilötunnuksella", "henkilötunnusta", "henkilötunnustani", "henkilötunnustasi",
                "henkilötunnuksemme", "henkilötunnukseen", "henkilötunnuksessa", "henkilotunnusta", "hetuni", "hetua",
                "hetun", "hetusi", "sotuni"),
    # (Turkish adds its endings to the name, and k softens to ğ before a vowel: kimliğim, kimliğiniz)
    "tr_tckimlik": ("tc kimlik", "t.c. kimlik", "tc kimlik no", "tckn", "tc no", "kimlik no", "kimlik numarası",
                    "kimlik numaram", "tc kimlik numaram", "kimlik numaranız", "tc kimliğim", "tc kimliğiniz",
                    "kimliğim", "kimliğiniz", "kimliğin", "kimliği", "t.c. kimliğiniz", "tc", "t.c."),
    "be_nn": ("rijksregisternummer", "rijksregister", "numéro national", "registre national", "insz", "niss"),
    "pt_nif": ("nif", "contribuinte", "número de contribuinte", "numero de contribuinte"),
    "ch_ssn": ("ahv", "avs", "ahv-nummer", "ahv-nr", "numéro avs", "sozialversicherungsnummer"),
    "at_vnr": ("sozialversicherungsnummer", "sv-nummer", "svnr", "versicherungsnummer", "sv-nr"),
    "ie_pps": ("pps", "ppsn", "pps number", "pps no"),
    "gb_nhs": ("nhs number", "nhs no", "nhs"),
    "za_idnr": ("sa id", "south african id", "id-nommer", "rsa id", "id number", "id book", "green id book", "smart id",
                "id no"),
    "it_codice_fiscale": ("codice fiscale", "cf", "c.f."),
    "cz_rc": ("rodné číslo", "rodne cislo", "rodného čísla", "rodneho cisla", "rodném čísle", "rodným číslem", "rč",
              "r.č.", "rodné č.", "birth number", "czech birth number", "slovak birth number"),
    "sg_nric": ("nric", "nric no", "nric number", "fin", "fin no", "ic", "ic no", "ic number", "singpass"),
    "ph_tin": ("tin", "tin no", "tin number", "tin id", "taxpayer identification number", "bir tin"),
    # more countries' personal numbers, by their names in their languages (python-stdnum checks each)
    "gr_amka": ("αμκα", "amka", "αριθμός μητρώου κοινωνικής ασφάλισης"),
    "nz_ird": ("ird", "ird number", "ird no", "ird #", "inland revenue number", "kiwisaver", "tax number"),
    "nz_nhi": ("nhi", "nhi number", "nhi no", "nhi #", "national health index", "national health index number"),
    "ro_cnp": ("cnp", "cod numeric personal", "codul numeric personal", "codului numeric personal"),
    "hr_oib": ("oib", "osobni identifikacijski broj", "osobnog identifikacijskog broja"),
    "lt_asmens": ("asmens kodas", "asmens kodą", "asmens kodo", "asmens kodu"),
    "ee_ik": ("isikukood", "isikukoodi", "isikukoodiga", "isikukoodis"),
    "bg_egn": ("егн", "egn", "единен граждански номер"),
    "si_emso": ("emšo", "emso"),
    "is_kennitala": ("kennitala", "kennitalan", "kennitölu", "kt."),
    "mx_curp": ("curp", "clave única de registro de población"),
    # more countries' personal numbers: a Chilean RUT or RUN, a Korean resident registration number, an Israeli
    # teudat zehut, an Argentine DNI, an Indonesian NIK (on the KTP), a Japanese My Number, an Australian Medicare
    # number
    "cl_rut": ("rut", "rol único tributario", "rol unico tributario",
               "rol único nacional"),
    # (Korean glues its particles to the name: 주민번호를 "the number (object)", 주민등록번호는, …가, …도)
    "kr_rrn": ("주민등록번호", "주민번호", "rrn", "resident registration number", "resident number", "korean id number",
               "resident registration no", "jumin deungnok beonho", "주민번호를",
               "주민번호는", "주민번호가", "주민번호도", "주민등록번호를", "주민등록번호는", "주민등록번호가", "주민등록번호도",
               "주민등록번호로", "주민번호로", "주민등록번호의", "외국인등록번호", "외국인등록번호는", "외국인등록번호를",
               "외국인등록번호가", "외국인등록번호로"),
    # (Hebrew's article ה glued to its noun: "תעודת הזהות", "מספר הזהות"; and its abbreviation ת"ז, ת.ז.)
    "il_idnr": ("teudat zehut", "teudat zeut", "mispar zehut", "תעודת זהות", "מספר זהות", "israeli id",
                "תעודת הזהות", "מספר הזהות", "מספר תעודת זהות", "מספר תעודת הזהות", "ת.ז.", "ת.ז", "ת״ז", 'ת"ז',
                "תז", "מספר ת.ז."),
    "ar_dni": ("dni", "documento", "documento nacional de identidad", "número de documento", "nro de documento",
               "nro. de documento"),
    "id_nik": ("nik", "nomor induk kependudukan", "ktp", "e-ktp", "no ktp", "nomor ktp"),
    "jp_mynumber": ("my number", "マイナンバー", "個人番号", "kojin bango", "individual number", "マイナポータル",
                    "マイナカード"),
    "au_medicare": ("medicare", "medicare number", "medicare card", "medicare no"),
    # a US Medicare beneficiary identifier, a Philippine PhilSys number (PSN), a Hungarian TAJ number (with its
    # possessive and case endings) and a Polish identity card's number (dowód osobisty, in its cases): no public
    # check, so only their shape after their name
    # (not "A-number" itself: its telling word would be "a"; the card it is printed on names it)
    "us_a_number": ("alien number", "alien registration number", "uscis number", "green card", "green card number",
                    "permanent resident card"),
    "us_mbi": ("mbi", "medicare beneficiary identifier", "medicare number", "medicare id", "medicare"),
    "ph_psn": ("philsys", "philsys number", "philsys id", "philid", "psn", "national id", "philippine id"),
    "hu_taj": ("taj", "taj szám", "taj-szám", "taj-számom", "taj-számát", "taj-számomat", "taj-száma", "tajszám",
               "tajszámom", "társadalombiztosítási azonosító jel"),
    "pl_id_card": ("dowód", "dowod", "dowodu", "dowód osobisty", "dowod osobisty", "dowodu osobistego",
                   "numer dowodu", "nr dowodu", "numeru dowodu", "seria dowodu"),
    # a Chinese resident identity card, a Taiwan national id, a Thai citizen id (Chinese and Thai: no spaces between
    # words), a Malaysian MyKad, a Hong Kong identity card, an Emirates ID
    "cn_ric": ("身份证", "身份证号", "身份证号码", "居民身份证", "公民身份号码", "shenfenzheng", "chinese id",
               "resident identity card"),
    "tw_id": ("身分證", "身份證", "身分證字號", "身分證號", "身分證號碼", "統一證號", "taiwan id", "taiwanese id"),
    "th_pin": ("บัตรประชาชน", "เลขบัตรประชาชน", "เลขประจำตัวประชาชน", "thai id", "citizen id", "เลขบัตร"),
    "my_nric": ("ic", "no ic", "nombor ic", "no. ic", "mykad", "kad pengenalan", "nric", "ic number"),
    "hk_hkid": ("hkid", "hk id", "hong kong id", "hong kong identity card", "身份證", "香港身份證"),
    "ae_eid": ("emirates id", "eid", "emirates id number", "الهوية الإماراتية", "رقم الهوية"),
    # a Saudi national id or iqama (Arabic glues "ب" "with" to "رقم": "برقم الهوية الوطنية", so the id's own words
    # are listed too), a Ukrainian taxpayer number (РНОКПП, the old ІПН), a Vietnamese citizen identity card (CCCD), a
    # German health-insurance number (KVNR), a Portuguese citizen card
    "sa_nid": ("الهوية الوطنية", "رقم الهوية الوطنية", "هوية وطنية", "رقم الهوية", "رقم هويتي", "هويتي", "السجل المدني",
               "رقم الإقامة",
               "الإقامة", "iqama", "saudi id", "saudi national id",
               # ("إيقامتي رقم …": "my iqama", as often spelled with a "ي")
               "إقامتي", "اقامتي", "إيقامتي", "ايقامتي", "إيقامة", "ايقامة", "اقامة"),
    # (and its names in Latin letters, in translations and forms abroad: RNOKPP, IPN)
    "ua_rntrc": ("рнокпп", "іпн", "ідентифікаційний код", "ідентифікаційного коду", "ідентифікаційний номер",
                 "податковий номер", "податкового номера", "rnokpp", "ipn", "ukrainian tax number",
                 "ukrainian tax id"),
    "vn_cccd": ("cccd", "căn cước", "căn cước công dân", "số định danh", "số định danh cá nhân"),
    # (the old identity card, chứng minh nhân dân: nine digits or twelve)
    "vn_cmnd": ("cmnd", "số cmnd", "chứng minh nhân dân", "chứng minh thư", "cmt"),
    "de_kvnr": ("versichertennummer", "krankenversichertennummer", "kvnr", "versicherten-nr", "versichertennr",
                "krankenversicherungsnummer"),
    "pt_cc": ("cartão de cidadão", "cartao de cidadao", "cartão do cidadão", "cartao do cidadao"),
    # a German pension insurance number (Rentenversicherungsnummer), also named by the social insurance's name
    "de_rvnr": ("rentenversicherungsnummer", "rv-nummer", "rv-nr", "rvnr", "sozialversicherungsnummer", "sv-nummer",
                "versicherungsnummer", "sozialversicherungs-nr", "rentenversicherungs-nr", "versicherungs-nr"),
    # a Greek tax number (ΑΦΜ), a Russian taxpayer number (ИНН: a person's has twelve digits), a Russian pension
    # insurance number (СНИЛС), a Russian internal passport (series and number), a Hungarian tax identification
    # number (adóazonosító jel, with its possessive endings)
    "gr_afm": ("αφμ", "α.φ.μ.", "afm", "αριθμός φορολογικού μητρώου"),
    "ru_inn": ("инн", "инн физлица", "inn"),
    "ru_snils": ("снилс", "snils", "страховой номер"),
    "ru_passport": ("паспорт", "паспорта", "паспортом", "паспорте", "серия и номер паспорта", "серия и номер"),
    "hu_adoazonosito": ("adóazonosító jel", "adóazonosító jele", "adóazonosító jelem", "adóazonosító jelét",
                        "adóazonosító jelemet", "adóazonosító", "adóazonosítóm", "adoazonosito"),
    # a French tax number of a person (numéro fiscal, SPI: thirteen digits, check digits), a UK Unique Taxpayer
    # Reference of a Self Assessment record (ten digits, a check digit; a company's UTR is left alone: see privacy.py)
    "fr_nif": ("numéro fiscal", "numero fiscal", "numéro fiscal de référence", "identifiant fiscal", "spi",
               "numéro spi", "n° fiscal"),
    "gb_utr": ("utr", "unique taxpayer reference", "self assessment", "self-assessment"),
    # a Canadian provincial health card (Ontario's: ten digits, Luhn, and a two-letter version code)
    "ca_health": ("health card", "health card number", "health number", "ohip", "ohip number", "ohip card",
                  "carte santé", "numéro d'assurance maladie"),
    # a Spanish social security number (NSS: province, serial, two check digits mod 97), an Indonesian taxpayer
    # number (NPWP, python-stdnum)
    "es_nss": ("seguridad social", "número de la seguridad social", "numero de la seguridad social",
               "número de seguridad social", "nss", "naf", "número de afiliación", "numero de afiliacion"),
    "id_npwp": ("npwp", "no npwp", "nomor npwp", "nomor pokok wajib pajak"),
    # the unique master citizen number of Serbia, Bosnia and Herzegovina, Montenegro and North Macedonia (JMBG,
    # ЈМБГ, ЕМБГ: the same thirteen digits and check as Slovenia's EMŠO), in Latin and Cyrillic letters and their
    # cases; a Latvian personas kods; a Bulgarian foreigner's number (ЛНЧ); a Moldovan IDNP; a Kazakh ИИН; a
    # Belarusian personal number; an Albanian personal number (on the letërnjoftim); a Greek or Cypriot identity
    # card's number; a Maltese identity card; a Belgian BIS number and eID card number; a Finnish veronumero
    "yu_jmbg": ("jmbg", "jmbg-a", "jmbg-om", "jmbgom", "јмбг", "ембг", "матични број", "матичен број",
                "matični broj", "maticni broj", "matični broj građana", "jedinstveni matični broj građana",
                "јединствени матични број грађана", "единствен матичен број на граѓанинот"),
    "lv_pk": ("personas kods", "personas kodu", "personas koda", "personas kodam", "personas kodā",
              "latvian personal code", "personal code"),
    "bg_pnf": ("лнч", "lnch", "личен номер на чужденец", "личен номер"),
    "md_idnp": ("idnp", "codul personal", "cod personal"),
    "kz_iin": ("иин", "iin", "жсн", "индивидуальный идентификационный номер", "жеке сәйкестендіру нөмірі",
               "иин-ом", "иину"),
    "by_personal": ("личный номер", "идентификационный номер", "асабісты нумар", "ідэнтыфікацыйны нумар",
                    "личный идентификационный номер"),
    "al_nid": ("numri personal", "nr personal", "nr. personal", "numrin personal", "letërnjoftim", "letërnjoftimi",
               "letërnjoftimit", "leternjoftim", "leternjoftimi", "numri i letërnjoftimit", "albanian id",
               "albanian personal number"),
    "gr_adt": ("αριθμός ταυτότητας", "αριθμό ταυτότητας", "αριθμού ταυτότητας", "αρ. ταυτότητας", "ταυτότητα",
               "ταυτότητας", "ταυτότητά", "αδτ", "δελτίο ταυτότητας", "δελτίου ταυτότητας", "cypriot id",
               "arithmos taftotitas"),
    "mt_id": ("maltese id", "maltese id card", "karta tal-identità", "karta tal-identita", "id maltija",
              "numru tal-karta tal-identità"),
    "be_bis": ("bisnummer",),  # (not "BIS-nummer", "numéro BIS": German "bis", until, would gate every German text)
    "be_eid": ("kaartnummer", "eid-kaartnummer", "eid card",
               "numéro de carte d'identité", "numéro de la carte d'identité", "belgian id card",
               "identiteitskaartnummer", "eid"),
    "fi_veronumero": ("veronumero", "veronumeroni", "veronumerosi", "veronumeron", "veronumeroa", "veronumerolla",
                      "veronumeroksi"),
    # Latin America's identity cards (cédula, carnet de identidad: Ecuador, Colombia, the Dominican Republic, Costa
    # Rica, Cuba, Uruguay, Venezuela, Paraguay, Bolivia …), tax numbers of persons (Argentina's CUIT and CUIL,
    # Colombia's, Guatemala's and El Salvador's NIT, Venezuela's RIF), Peru's DNI, Guatemala's DPI, El Salvador's
    # DUI, and Andorra's NRT ("dui" alone, a drunk-driving charge too, only before a number whose check holds; not
    # "ci" nor "cc", Italian "us" and an e-mail's copy)
    "latam_cedula": ("cédula", "cedula", "cédula de identidad", "cedula de identidad", "cédula de ciudadanía",
                     "cedula de ciudadania", "cédula de identidad y electoral", "cédula de residencia",
                     "cedula de residencia", "número de cédula", "numero de cedula", "nro de cédula", "nro de cedula",
                     "no. de cédula", "mi cédula", "dimex", "carnet de identidad", "carné de identidad",
                     "carnet de identidad número", "número de carnet"),
    "ar_cuit": ("cuit", "cuil", "número de cuil", "numero de cuil", "número de cuit", "numero de cuit", "nro de cuil",
                "nro de cuit", "cdi"),
    "latam_nit": ("nit", "número de nit", "numero de nit", "nit personal"),
    "ve_rif": ("rif", "número de rif", "numero de rif"),
    "pe_cui": ("dni", "dni peruano", "número de dni", "numero de dni", "documento nacional de identidad"),
    "gt_dpi": ("dpi", "número de dpi", "numero de dpi", "cui del dpi"),
    "sv_dui": ("dui", "número de dui", "documento único de identidad", "documento unico de identidad"),
    "ad_nrt": ("nrt", "número de registre tributari", "numero de registre tributari"),
    # Asia's and Africa's personal numbers not named above: a Pakistani CNIC (in Urdu and Roman Urdu too), a Sri
    # Lankan NIC (in Sinhala and Tamil), an Indian voter id (EPIC; "epic" alone only before a number whose check
    # holds), a British Columbia personal health number, an Egyptian national number, a Nigerian NIN or BVN, a Kenyan
    # KRA PIN, a Ghana card, a Mauritian national identity card, an Iranian national code, a Vietnamese personal tax
    # code, a Moroccan, Algerian or Tunisian national identity card (CIN, CNIE)
    "pk_cnic": ("cnic", "cnic no", "cnic number", "snic", "nicop", "nic", "nic no", "nic number", "shanakhti card",
                "shanakhti card number", "شناختی کارڈ", "قومی شناختی کارڈ", "شناختی کارڈ نمبر"),
    "lk_nic": ("nic", "nic no", "nic number", "sri lankan nic", "ජාතික හැඳුනුම්පත", "හැඳුනුම්පත් අංකය",
               "தேசிய அடையாள அட்டை", "அடையாள அட்டை இலக்கம்"),
    "in_epic": ("epic", "epic no", "epic number", "voter id", "voter id number", "voter card", "voter id card", "मतदाता पहचान पत्र", "वोटर आईडी", "मतदाता पहचान"),
    "ca_bc_phn": ("phn", "personal health number", "bc phn", "carecard"),
    "eg_nid": ("الرقم القومي", "الرقم القومى", "رقم قومي", "رقمي القومي", "بطاقة الرقم القومي",
               "egyptian id", "egyptian national id", "raqam qawmi", "el raqam el qawmy"),
    "ng_nin": ("nin", "nin number", "nin no", "nimc", "bvn"),
    "ke_pin": ("kra pin", "kra", "itax pin", "kra pin number", "itax", "pin yangu"),
    # (a Kenyan's health cover number, SHA and the older NHIF, and the national numbers Huduma and Maisha Namba)
    "ke_health": ("sha number", "sha no", "sha member number", "nhif", "nhif number", "nhif no", "huduma namba",
                  "huduma number", "maisha namba", "maisha number"),
    "gh_card": ("ghana card", "ghanacard", "ghana card pin", "ghana card number", "ghana card no"),
    "gh_tin": ("tin", "ghana card tin", "tax identification number", "my tin"),
    "tz_nida": ("nida", "nida number", "namba ya nida", "kitambulisho"),
    "ug_nin": ("nin", "national id", "national id number", "nin number"),
    "mu_nid": ("nic", "nic number", "mauritian id", "mauritius id", "mauritian nic"),
    "ir_melli": ("کد ملی", "کدملی", "شماره ملی", "code melli", "kode melli", "iranian national code"),
    "vn_mst": ("mã số thuế cá nhân", "mst cá nhân", "ma so thue ca nhan"),
    "maghreb_cin": ("cin", "cnie", "numéro cin", "n° cin", "carte nationale d'identité", "carte d'identité nationale",
                    "البطاقة الوطنية", "رقم البطاقة الوطنية", "بطاقة التعريف الوطنية", "رقم بطاقة التعريف"),
    # more of the numbers a person holds in countries named above: Brazil's PIS/PASEP (NIS), SUS card (CNS), voter's
    # title and RG; Mexico's voter card (clave de elector, INE); Australia's Centrelink CRN; India's ABHA health
    # number; Quebec's health card (RAMQ); a Gulf civil id (Kuwait, Qatar, Oman, Bahrain)
    "br_pis": ("pis", "pasep", "pis/pasep", "nis", "número do pis", "numero do pis", "número do nis",
               "numero do nis", "nit do inss"),
    "br_cns": ("cns", "cartão sus", "cartao sus", "cartão do sus", "cartao do sus", "número do sus", "numero do sus"),
    "br_titulo": ("título de eleitor", "titulo de eleitor", "título eleitoral", "titulo eleitoral"),
    "br_rg": ("rg", "carteira de identidade", "identidade"),
    "mx_ine": ("clave de elector", "clave elector", "credencial de elector", "credencial para votar", "ine",
               "credencial del ine", "mi ine"),
    "au_crn": ("crn", "centrelink crn", "centrelink number", "centrelink reference number", "crn number"),
    "in_abha": ("abha", "abha number", "abha no", "abha id"),
    "ca_ramq": ("ramq", "carte soleil", "carte d'assurance maladie", "numéro d'assurance maladie",
                "numéro de carte soleil"),
    "gulf_civil": ("civil id", "civil id number", "civil number", "الرقم المدني", "البطاقة المدنية",
                   "رقم البطاقة المدنية", "qid", "qatar id", "qatari id", "omani id", "kuwaiti civil id"),
    # a person's RUC (Ecuador: the cédula and 001; Peru: 10 and the DNI; Paraguay: the cédula and a check digit; a
    # company's is left alone), a Luxembourg national identification number (matricule: the birth date and five
    # digits; "matricule" alone, an employee's number too, only when the date holds), a South African income tax
    # reference number (SARS); a Philippine SSS, PhilHealth, Pag-IBIG or UMID number, a Bangladeshi NID, an Indian
    # UAN (the provident fund's number of a worker)
    "latam_ruc": ("ruc", "número de ruc", "numero de ruc", "mi ruc"),
    "lu_matricule": ("matricule", "numéro de matricule", "matricule national", "identifiant national", "sozialversicherungsnummer", "ccss"),
    "za_tin": ("sars", "sars tax number", "income tax number"),
    "ph_sss": ("sss", "sss number", "sss no", "sss #", "philhealth", "philhealth number", "philhealth no",
               "pag-ibig", "pagibig", "pag-ibig mid", "pag-ibig number", "hdmf", "umid", "umid crn", "umid number"),
    # (and a child's birth registration number, 17 digits: "জন্ম নিবন্ধন নম্বর …")
    "bd_nid": ("nid", "nid no", "nid number", "nid card", "জাতীয় পরিচয়পত্র", "এনআইডি", "ভোটার আইডি", "এনআইডি নম্বর",
               "জন্ম নিবন্ধন", "জন্ম নিবন্ধন নম্বর", "birth registration number", "brn"),
    "in_uan": ("uan", "uan number", "uan no", "epf uan", "pf uan"),
}
# Passports, driving licences and identity cards: after one of these, a document number is an id
DOCUMENT_WORDS: Table = {
    "en": ("passport", "passport number", "passport no", "driver's license", "drivers license", "driver license",
           "driver's licence", "drivers licence", "driver licence", "driving licence", "driving license",
           "licence number", "license number", "licence no", "license no", "license #", "licence #", "license#",
           "licence#", "dl", "dl#", "state id",
           "voter id", "national id", "identity card", "ppsn", "pps number", "curp", "rfc", "medicare",
           "medicare card", "nhs", "known traveler number", "known traveller number", "ktn", "redress number",
           "trusted traveler number", "global entry number", "nexus number",
           "alien registration number", "alien number", "uscis number", "green card number",
           "residence permit", "residence permit number", "brp", "brp number"),
    "de": ("reisepass", "reisepassnummer", "passnummer", "personalausweis", "personalausweisnummer", "ausweisnummer",
           "ausweis", "führerschein", "führerscheinnummer", "fuehrerschein", "steuernummer", "sozialversicherungsnummer",
           "aufenthaltstitel", "aufenthaltserlaubnis", "aufenthaltskarte", "niederlassungserlaubnis"),
    "fr": ("passeport", "numéro de passeport", "carte d'identité", "cni", "permis de conduire", "numéro de permis",
           "permis", "numéro étranger", "numéro d'étranger", "numero etranger", "agdref", "titre de séjour",
           "carte de séjour"),
    "es": ("pasaporte", "número de pasaporte", "carnet de conducir", "permiso de conducir", "licencia de conducir",
           "dni", "nie", "nif", "licencia de manejo", "licencia de conducción", "licencia de conduccion",
           "número de licencia", "numero de licencia", "brevete"),
    "it": ("passaporto", "carta d'identità", "carta di identità", "patente", "numero patente", "codice fiscale"),
    "pt": ("passaporte", "carteira de motorista", "cnh", "carta de condução", "rg", "cpf", "cartão de cidadão"),
    "nl": ("paspoort", "paspoortnummer", "rijbewijs", "rijbewijsnummer", "identiteitskaart", "id-kaart", "bsn"),
    "pl": ("paszport", "numer paszportu", "dowód osobisty", "dowod osobisty", "nr dowodu", "numer dowodu",
           "prawo jazdy", "prawa jazdy", "numer prawa jazdy"),
    "sv": ("passnummer", "körkort", "körkortsnummer", "id-kort", "legitimation"),
    "da": ("pasnummer", "kørekort", "kørekortnummer"),
    "no": ("passnummer", "førerkort", "førerkortnummer"),
    "fi": ("passi", "passin numero", "ajokortti", "henkilökortti"),
    "tr": ("pasaport", "pasaport no", "ehliyet", "ehliyet no", "nüfus cüzdanı", "kimlik kartı"),
    # (residence permits and foreigners' registration numbers are ids too: "numéro étranger", "Alien registration
    # number", "Aufenthaltstitel"; and a Japanese pension number, passport and licence numbers)
    "ru": ("паспорт", "паспорта", "номер паспорта", "загранпаспорт", "загранпаспорта", "вид на жительство",
           "водительское удостоверение", "водительского удостоверения", "водительские права", "водительских прав"),
    "uk": ("паспорт", "паспорта", "номер паспорта", "закордонний паспорт", "закордонного паспорта",
           "посвідка на проживання", "посвідки", "посвідчення водія", "посвідченням водія", "водійське посвідчення"),
    "vi": ("hộ chiếu", "số hộ chiếu", "bằng lái", "số bằng lái", "giấy phép lái xe"),
    "ja": ("基礎年金番号", "年金番号", "パスポート番号", "旅券番号", "免許証番号", "在留カード番号", "パスポート", "運転免許証番号",
           "運転免許証", "在留カード"),
    # (Korean glues its particles to the name: 여권번호는, 면허번호가)
    "ko": ("여권번호", "여권 번호", "여권번호는", "여권번호가", "여권번호를", "운전면허번호", "운전면허 번호", "운전면허번호는",
           "운전면허번호를", "면허번호", "면허번호는", "면허번호가", "외국인등록증 번호"),
    # (a passport in Arabic, Hebrew and Hindi: "رقم الجواز", "מספר דרכון", "पासपोर्ट नंबर")
    "ar": ("جواز السفر", "رقم الجواز", "رقم جواز السفر", "جواز سفر", "رقم جواز"),
    "he": ("דרכון", "מספר דרכון", "מספר הדרכון"),
    "hi": ("पासपोर्ट", "पासपोर्ट नंबर", "पासपोर्ट संख्या", "ड्राइविंग लाइसेंस"),
    # (identity cards, passports and driving licences in more of Europe's languages, with their cases)
    "sh": ("lična karta", "lične karte", "licna karta", "licne karte", "ličnu kartu", "osobna iskaznica",
           "osobne iskaznice", "osobnu iskaznicu", "putovnica", "putovnice", "pasoš", "pasoša", "pasos",
           "vozačka dozvola", "vozačke dozvole", "vozacka dozvola", "vozačku dozvolu", "лична карта", "личне карте",
           "пасош", "пасоша", "возачка дозвола", "возачке дозволе", "лична карта номер", "шофьорска книжка",
           "шофьорската книжка"),
    "cs": ("občanský průkaz", "občanského průkazu", "občanském průkazu", "cestovní pas", "cestovního pasu",
           "řidičský průkaz", "řidičského průkazu", "řidičák", "občiansky preukaz", "občianskeho preukazu",
           "cestovný pas", "cestovného pasu", "vodičský preukaz", "vodičského preukazu"),
    "hu": ("személyi igazolvány", "személyi igazolványom", "személyi igazolványszám", "személyi igazolvány száma",
           "személyim", "útlevél", "útlevélszám", "útlevelem", "útlevélszámom", "útlevelem száma", "jogosítvány",
           "jogosítványom", "jogosítvány száma", "vezetői engedély"),
    "ro": ("buletin", "buletinul", "buletinului", "carte de identitate", "cartea de identitate",
           "cărții de identitate", "pașaport", "pașaportul", "pașaportului", "pasaportul", "pasaportului",
           "permis de conducere", "permisul de conducere", "permisului de conducere"),
    "el": ("διαβατήριο", "διαβατηρίου", "αριθμός διαβατηρίου", "αριθμό διαβατηρίου", "δίπλωμα οδήγησης",
           "διπλώματος οδήγησης", "άδεια οδήγησης"),
    "baltic": ("asmens tapatybės kortelė", "asmens tapatybės kortelės", "paso numeris", "vairuotojo pažymėjimas",
               "vairuotojo pažymėjimo", "pases numurs", "personas apliecība", "personas apliecības",
               "vadītāja apliecība", "autovadītāja apliecība", "isikutunnistus", "isikutunnistuse", "passi number",
               "juhiluba", "juhiloa"),
    "id": ("paspor", "nomor paspor", "no paspor", "pasport", "nombor pasport", "no pasport", "lesen memandu",
           "nombor lesen memandu"),
    "fa": ("پاسپورت", "گذرنامه", "شماره گذرنامه", "شماره پاسپورت", "گواهینامه", "شماره گواهینامه"),
    "ur": ("پاسپورٹ", "پاسپورٹ نمبر", "ڈرائیونگ لائسنس"),
    "bn": ("পাসপোর্ট", "পাসপোর্ট নম্বর", "ড্রাইভিং লাইসেন্স"),
    "sw": ("kitambulisho", "namba ya kitambulisho", "kitambulisho cha taifa", "pasipoti", "namba ya pasipoti",
           "leseni ya udereva", "leseni ya kuendesha"),
    # (written without spaces between words: looked for inside runs of letters, see privacy.py)
    "zh": ("护照", "护照号", "护照号码", "護照", "護照號", "護照號碼", "驾驶证", "驾驶证号", "驾驶证号码", "驾照", "駕照",
           "駕駛執照", "驾照号"),
    "th": ("หนังสือเดินทาง", "เลขที่หนังสือเดินทาง", "เลขหนังสือเดินทาง", "พาสปอร์ต", "ใบขับขี่", "เลขที่ใบขับขี่",
           "เลขใบขับขี่"),
}
# Languages written without spaces between words (their phrases are looked for inside runs of letters)
UNSPACED_LANGUAGES = ("ja", "zh", "th")
# Company and tax ids of organisations: a number after one of these is the organisation's, never a person's
COMPANY_ID_WORDS: Table = {
    "en": ("vat", "vat no", "vat number", "ein", "fein", "employer id", "company number", "company no",
           "company reg", "registration number", "reg no", "abn", "acn", "gst", "gstin", "duns", "sepa creditor id",
           "creditor id", "utr", "kra pin", "company pin", "company tin"),
    "de": ("ust-idnr", "ust-id", "umsatzsteuer-id", "handelsregister", "hrb", "gläubiger-id", "glaubiger-id",
           "steuernummer der firma"),
    "fr": ("tva", "n° tva", "siren", "siret", "rcs", "numéro de tva"),
    "es": ("cif", "nif-iva", "número de iva"),
    "it": ("p.iva", "p. iva", "partita iva", "piva", "rea"),
    "pt": ("cnpj", "nipc"),
    "nl": ("kvk", "kvk-nummer", "btw", "btw-nummer", "btw-id", "ondernemingsnummer", "kbo-nummer"),
    "pl": ("nip", "regon", "krs"),
    "sv": ("organisationsnummer", "org.nr", "orgnr", "momsnummer"),
    "da": ("cvr", "cvr-nummer", "cvr-nr", "momsnummer"),
    "no": ("organisasjonsnummer", "org.nr", "mva"),
    "fi": ("y-tunnus", "alv"),
    "tr": ("vergi no", "vergi numarası", "vkn", "mersis"),
    "cs": ("ičo", "ico", "dič", "dic"),
    "id": ("npwp perusahaan",),
    "ko": ("사업자등록번호", "사업자 등록번호", "사업자번호"),
    # (a Russian ИНН right before a number: a company's has ten digits, a person's twelve, and neither is a phone)
    "ru": ("инн", "кпп", "огрн"),
    "uk": ("єдрпоу", "код єдрпоу"),
}

# -- dates of birth -----------------------------------------------------------------------------------
BIRTH_WORDS: Table = {
    "en": ("dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday", "bday", "b-day", "born"),
    "de": ("geburtsdatum", "geboren", "geboren am", "geb.", "geburtstag", "geb"),
    # (forms' short labels: "Naissance :", "date naiss.", "F. nacimiento:", "fecha nac.", "Nascimento:", "dt nasc")
    "fr": ("date de naissance", "né le", "née le", "né", "née", "nee le", "ne le", "naissance", "date naiss",
           "date de naiss"),
    "es": ("fecha de nacimiento", "nacido el", "nacida el", "nacido", "nacida", "f. nac", "cumpleaños", "nacimiento",
           "fecha nac", "fecha de nac", "nací", "naci", "nació", "nació el", "nacio"),
    "it": ("data di nascita", "nato il", "nata il", "nato", "nata", "compleanno"),
    "pt": ("data de nascimento", "nascido em", "nascida em", "nascido", "nascida", "aniversário", "dt. nasc",
           "nascimento", "data nasc", "dt nasc", "data de nasc", "nasci", "nasc", "nasceu", "nasceu a", "nasceu em",
           "nasceu no dia"),
    "nl": ("geboortedatum", "geboren op", "geboren", "verjaardag", "geb. datum"),
    # (Polish declines the noun: "datę urodzenia" after a verb, "daty", "dacie"; "urodziłem się" I was born)
    "pl": ("data urodzenia", "datę urodzenia", "date urodzenia", "daty urodzenia", "dacie urodzenia",
           "datą urodzenia", "urodzony", "urodzona", "urodzin", "ur.", "urodziłem się", "urodziłam się",
           "urodził się", "urodziła się"),
    "sv": ("född", "födelsedatum", "födelsedag", "fodd"),
    "da": ("født", "fødselsdato", "fødselsdag", "fodt"),
    "no": ("født", "fødselsdato", "fødselsdag", "fødd"),
    "fi": ("syntymäaika", "syntymäaikani", "syntymäaikasi", "syntymäajan", "syntymäaikaa", "syntynyt",
           "syntymäpäivä"),
    "tr": ("doğum tarihi", "doğum tarihim", "dogum tarihi", "doğum günü", "doğumlu", "doğum tarihiniz", "doğum tarihin",
           "doğum tarihimi", "doğum tarihinizi", "doğum tarihimiz", "dogum tarihim", "dogum tarihiniz",
           "doğum tarihiyle", "doğum tarihli"),
    "hu": ("születési dátum", "születési dátuma", "születési dátumom", "születési idő", "született", "szül."),
    "ca": ("data de naixement", "naixement", "vaig néixer", "va néixer", "nascut", "nascuda", "nascut el",
           "nascuda el"),
    "cs": ("datum narození", "datum narozeni", "narozen", "narozena", "narozen dne", "nar.", "narodil", "narodila",
           "narodil jsem se", "narodila jsem se", "narodil se", "narodila se"),
    # (Romanian is written with ș or the older ş, or without its marks)
    "ro": ("data nașterii", "data naşterii", "data nasterii", "data de naștere", "data de naştere",
           "data de nastere", "născut", "născută", "născut la", "născută la", "nascut", "nascuta", "m-am născut",
           "m-am nascut"),
    "el": ("ημερομηνία γέννησης", "ημερομηνια γεννησης", "ημ. γέννησης", "ημ/νία γέννησης", "γεννήθηκα",
           "γεννήθηκε", "γεννημένος", "γεννημένη", "ημερομηνία γεννήσεως"),
    # (Russian and Ukrainian decline the noun: "дату рождения" after a verb; "родился" he was born)
    "ru": ("дата рождения", "дату рождения", "даты рождения", "датой рождения", "родился", "родилась",
           "я родился", "я родилась"),
    "uk": ("дата народження", "дату народження", "дати народження", "народився", "народилася", "народилась"),
    # (Bulgarian, Lithuanian and Slovenian: date of birth, born)
    "bg": ("дата на раждане", "роден", "родена", "роден на", "родена на"),
    "lt": ("gimimo data", "gimęs", "gimusi", "gimes"),
    "sl": ("datum rojstva", "rojen", "rojena"),
    # (Indonesian "lahir" born, "tgl" the written short form of "tanggal" date)
    "id": ("tanggal lahir", "tgl lahir", "tgl. lahir", "lahir", "kelahiran", "tanggal kelahiran"),
    "ms": ("tarikh lahir", "tarikh kelahiran", "dilahirkan", "lahir pada"),  # Malay ("tarikh lahir 23 Ogos 1995")
    # Tagalog ("ipinanganak ako noong Hunyo 3, 1997")
    "tl": ("ipinanganak", "ipinanganak ako", "kapanganakan", "petsa ng kapanganakan", "araw ng kapanganakan"),
    "vi": ("ngày sinh", "sinh ngày", "ngày tháng năm sinh", "ngay sinh"),
    # (Arabic glues "و" "and" and "ب" "with" to the word before it: "وتاريخ الميلاد", so those forms are listed too)
    "ar": ("تاريخ الميلاد", "وتاريخ الميلاد", "بتاريخ الميلاد", "تاريخ ميلادي", "وتاريخ ميلادي", "تاريخ ميلاده",
           "تاريخ ميلادها", "تاريخ الولادة", "وتاريخ الولادة", "تاريخ ميلادك", "وتاريخ ميلادك", "تاريخ ميلادكم"),
    # (and Hindi written in Latin letters: "mera janam 3 Nov 1949 ko hua", "janm tithi")
    "hi": ("जन्म", "जन्मतिथि", "जन्म तिथि", "जन्म तारीख", "जन्म की तारीख", "जन्म दिनांक", "janam", "janm",
           "janam tithi", "janm tithi", "janamtithi"),
    # (Hebrew: "תאריך לידה" date of birth, "נולדתי" I was born; the date often follows "ב-", "on")
    "he": ("תאריך לידה", "תאריך הלידה", "ת. לידה", "ת.לידה", "נולדתי", "נולד", "נולדה", "נולדת", "יום ההולדת שלי"),
}
# Month names (and their common abbreviations) in each language, for written dates ("3 maart 1990")
MONTHS: Table = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"),
    "de": ("januar", "februar", "märz", "marz", "mai", "juni", "juli", "oktober", "dezember", "okt", "dez", "jänner"),
    "fr": ("janvier", "février", "fevrier", "mars", "avril", "juin", "juillet", "août", "aout", "septembre",
           "octobre", "novembre", "décembre", "decembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
           "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december", "mrt"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "wrzesnia",
           "października", "pazdziernika", "listopada", "grudnia"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "no": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"),
    "fi": ("tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta",
           "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"),
    "tr": ("ocak", "şubat", "subat", "mart", "nisan", "mayıs", "mayis", "haziran", "temmuz", "ağustos", "agustos",
           "eylül", "eylul", "ekim", "kasım", "kasim", "aralık", "aralik"),
    "cs": ("ledna", "února", "unora", "března", "brezna", "dubna", "května", "kvetna", "června", "cervna",
           "července", "cervence", "srpna", "září", "zari", "října", "rijna", "listopadu", "prosince"),
    "ro": ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
           "octombrie", "noiembrie", "decembrie"),
    "hu": ("január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember",
           "október"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "اغسطس", "سبتمبر", "أكتوبر",
           "اكتوبر", "نوفمبر", "ديسمبر"),
    "ca": ("gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre", "novembre",
           "desembre"),
    "ms": ("januari", "februari", "mac", "april", "mei", "jun", "julai", "ogos", "september", "oktober", "november",
           "disember"),
    "tl": ("enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo", "agosto", "setyembre", "oktubre",
           "nobyembre", "disyembre"),
    "id": ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
           "november", "desember"),
    # (Thai: the names and their written short forms, "3 มี.ค. 2528"; Hebrew: with "ב", "in", glued on, "12 במאי 1990")
    "th": ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
           "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
           "ต.ค.", "พ.ย.", "ธ.ค."),
    "he": ("ינואר", "פברואר", "מרץ", "מרס", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר",
           "דצמבר", "בינואר", "בפברואר", "במרץ", "במרס", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר",
           "באוקטובר", "בנובמבר", "בדצמבר"),
    # (a date's month in the genitive: "3 ноября 1949", "3 листопада 1949", "3 Νοεμβρίου 1949")
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
           "листопада", "грудня"),
    "el": ("ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "μαίου", "ιουνίου", "ιουλίου", "αυγούστου",
           "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου", "δεκεμβρίου"),
}

# -- phones -------------------------------------------------------------------------------------------
# "Call me on …", "my number is …" and "we'll call you on …" ("le llamamos al", "vi ringer på") in each language: the number after one is the
# writer's (or the one they will be called on), even where it looks like a service line. (English: written by
# hand in privacy.py, _OWNER_CUE_EN and _CALLED_ON, with the words around them.)
CALL_ME: Table = {
    "de": ("ruf mich an", "ruft mich an", "rufen sie mich an", "rufen sie mich unter", "meine nummer",
           "meine handynummer", "meine telefonnummer", "ich bin erreichbar unter", "erreichen sie mich",
           "rufen wir sie unter"),
    "fr": ("appelez-moi", "appelez moi", "appelle-moi", "rappelez-moi", "rappelle-moi", "mon numéro", "mon numero",
           "mon portable", "mon tel", "mon tél", "joignable au", "me joindre au", "vous rappellera au",
           "vous appellera au", "nous vous appelons au", "nous vous rappelons au", "on vous appelle au",
           "on vous rappelle au"),
    "es": ("llámame", "llamame", "llámenme", "llamenme", "mi número", "mi numero", "mi teléfono", "mi telefono",
           "mi móvil", "mi movil", "mi celular", "te llamará al", "le llamará al", "te llamaremos al",
           "márcame", "marcame", "márcame al", "márqueme", "marqueme", "mándame un whatsapp al", "le llamamos al",
           "te llamamos al", "lo llamamos al", "la llamamos al", "les llamamos al", "le llamaremos al",
           "lo llamaremos al", "la llamaremos al", "que me llame al", "me llame al", "me llamen al",
           "que me llamen al", "me puede llamar al", "me pueden llamar al"),
    "it": ("chiamatemi", "chiamami", "mi chiami", "richiamatemi", "il mio numero", "il mio cellulare",
           "ti chiamerà al", "la chiamerà al", "ti chiameremo al", "chiamerà al", "la chiamiamo al",
           "ti chiamiamo al", "la richiamiamo al", "la richiameremo al"),
    "pt": ("me liga", "me ligue", "liga pra mim", "ligue para mim", "meu número", "meu numero", "meu celular",
           "meu telemóvel", "vamos ligar para"),
    "nl": ("bel me", "bel mij", "belt u mij", "mijn nummer", "mijn telefoonnummer", "mijn mobiele nummer",
           "bereikbaar op", "bellen we je op", "bel je op"),
    "pl": ("zadzwoń", "zadzwon", "zadzwońcie", "mój numer", "moj numer", "oddzwońcie", "oddzwonimy"),
    "sv": ("ring mig", "ring mig på", "mitt nummer", "mitt telefonnummer", "nås på", "vi ringer på",
           "vi ringer dig på", "vi ringer upp dig på"),
    "da": ("ring til mig", "ring mig op", "mit nummer", "mit telefonnummer", "vi ringer på", "vi ringer dig op på",
           "vi ringer til dig på", "ringer dig op på"),
    "no": ("ring meg", "ringe meg", "ringe meg på", "mitt nummer", "vi ringer på", "vi ringer deg på"),
    "fi": ("soita minulle", "numeroni"),
    "tr": ("beni arayın", "beni arayin", "beni ara", "numaram", "telefon numaram", "cep telefonum"),
    "cs": ("zavolejte mi", "zavolej mi", "moje číslo", "mé číslo", "můj telefon", "moje telefonní číslo",
           "vám zavolá", "zavolá vám", "vám zavoláme", "zavoláme vám", "vám zavolá na", "zavolá na",
           "ozvěte se mi", "kontaktujte mě", "volejte mi"),
    # (the technician, the courier "will call you on …": the number the customer is called on)
    "el": ("θα σας καλέσει", "θα σας καλέσουμε", "σας καλέσει στο", "καλέστε με", "το κινητό μου", "ο αριθμός μου"),
    "hu": ("hívjon fel", "hívj fel", "a számom", "telefonszámom", "mobilszámom", "visszahívjuk"),
    "ro": ("sunați-mă", "sună-mă", "numărul meu", "vă sunăm", "vă va suna"),
    "id": ("telepon saya", "hubungi saya", "nomor saya", "wa saya", "nomor hp saya"),
    "tl": ("tawagan niyo ako", "tawagan mo ako", "tawagan ninyo ako", "tawagan niyo po ako", "tawagan ako",
           "numero ko", "number ko", "cp ko", "i-text niyo ako", "itext niyo ako"),
}
# After one of these (or one of CALL_ME), a run of digits in any country's format is a phone number. (English:
# privacy.py's _STRONG_PHONE_WORDS, written by hand with its grammar, and these.)
PHONE_LABELS: Table = {
    # (and the mobile-money wallets whose id is the holder's mobile number: GCash, Maya, M-Pesa, Pix, Swish …)
    "en": ("ported", "new number", "mobile no", "mob no", "gcash", "paymaya", "maya", "m-pesa", "mpesa",
           "paytm number", "phonepe number"),
    "de": ("handy", "handynummer", "telefonnummer", "mobilnummer", "festnetz", "festnetznummer", "rückruf",
           "anrufen"),
    "fr": ("téléphone", "telephone", "portable"),
    "es": ("teléfono", "telefono", "móvil", "movil", "celular"),
    "it": ("cellulare", "cell.", "numero di telefono"),
    "pt": ("celular", "telemóvel", "telemovel", "whats", "zap", "chave pix", "pix", "mb way", "mbway"),
    "nl": ("mobiel", "telefoonnummer", "06-nummer"),
    # (and a request to be contacted, "proszę o kontakt 601 …", "prosím o kontakt 604 …": a label, not "mine":
    # "proszę o kontakt z biurem: …" names the office's line)
    "pl": ("numer telefonu", "komórka", "komorka", "tel. kom", "proszę o kontakt", "prosze o kontakt",
           "proszę o telefon", "prosze o telefon", "proszę dzwonić", "prosze dzwonic", "proszę o sms", "prosze o sms"),
    "sv": ("mobilnummer", "mobil"),
    "da": ("mobilnummer", "mobil"),
    "no": ("mobilnummer", "telefonnummer"),
    "fi": ("puhelinnumero", "puhelin"),
    "tr": ("cep no", "telefon no", "gsm"),
    "cs": ("telefon", "mobil", "telefonní číslo", "tel. číslo", "číslo mobilu", "prosím o kontakt", "prosim o kontakt",
           "prosím o zavolání", "prosím o sms"),
}
PHONE_CUES: Table = {lang: CALL_ME.get(lang, ()) + PHONE_LABELS.get(lang, ()) for lang in {**CALL_ME, **PHONE_LABELS}}
# Words of a phone line in each language (the number, the line, the SIM, being called or rung, contacts): with one
# of these in the text, a number in the national format of the language's countries, without a country code
# ("654 332 109", "(21) 99634-1870", "28 41 90 36"), is read as a line of one of LINE_REGIONS[lang]
LINE_WORDS: Table = {
    "es": ("número", "numero", "línea", "linea", "móvil", "movil", "teléfono", "telefono", "llaman", "llamar",
           "llamará", "portado", "portabilidad", "celular", "contacto", "contactos", "cel", "marcará", "marcar",
           "whatsapp", "tel"),
    "pt": ("número", "numero", "linha", "sinal", "celular", "telemóvel", "telemovel", "ligar", "ligam", "liga", "ligue", "contato",
           "contatos", "contacto", "whatsapp", "cel", "telefone", "fone", "zap", "liguem", "liguem-me", "ligue-me"),
    "it": ("numero", "cellulare", "telefono", "linea", "contatti", "contatto", "chiamare", "chiamerà", "sim"),
    "pl": ("numer", "numeru", "telefon", "telefonu", "komórka", "komorka", "sim", "dzwoni", "zadzwoni", "linia"),
    "da": ("nummer", "ringer", "ring", "mobil", "telefon", "mobilnummer", "telefonnummer"),
    "nl": ("nummer", "bel", "belt", "bellen", "mobiel", "telefoon", "telefoonnummer", "sim", "06-nummer", "bereikbaar"),
    "sv": ("nummer", "ringer", "ring", "mobil", "telefon", "mobilnummer", "telefonnummer"),
    "no": ("nummer", "ringer", "ring", "mobil", "telefon", "mobilnummer", "telefonnummer"),
    "ru": ("номер", "телефон", "телефона", "мобильный", "тел", "звонить", "позвоните", "перезвоните"),
    "uk": ("номер", "телефон", "телефону", "мобільний", "тел", "дзвонити", "зателефонуйте", "передзвоніть"),
    "cs": ("číslo", "čísle", "telefon", "telefonu", "mobil", "volat", "zavolejte"),
    "ro": ("număr", "numărul", "numar", "numarul", "telefon", "telefonul", "mobil", "sunați", "sună", "suna"),
}
# The countries whose numbers a text in each language is read in (phonenumbers validates them there)
LINE_REGIONS: Mapping[str, tuple[str, ...]] = {
    # (Spanish: Spain's and Mexico's, then Argentina's, Colombia's and Chile's, "tel 11 4827-3391" in Buenos Aires)
    "es": ("ES", "MX", "AR", "CO", "CL"), "pt": ("BR", "PT"), "it": ("IT",), "pl": ("PL",), "da": ("DK",), "nl": ("NL",), "sv": ("SE",),
    "no": ("NO",), "ru": ("RU",), "uk": ("UA",), "cs": ("CZ",), "ro": ("RO",),
}
# The words that tell each language from the others (a text with "numero" alone is Italian, Spanish or Portuguese):
# a few of its commonest short words, none shared with the other languages here
LANGUAGE_MARKS: Table = {
    "es": ("el", "los", "las", "y", "del", "hemos", "tu", "su", "nadie", "está", "estoy", "tengo", "pero",
           "muy", "gracias", "hola", "mis", "ella", "usted", "ustedes", "también", "ahora", "por", "favor", "días",
           "llevo", "paquete", "llega", "llegó", "repartidor", "depto", "yo", "hace", "alguien", "hay", "nada"),
    "pt": ("o", "os", "as", "do", "da", "dos", "das", "não", "nao", "estou", "ninguém", "obrigado", "obrigada",
           "olá", "oi", "você", "voce", "meu", "minha", "há", "já", "sem", "boa", "tarde", "ainda"),
    "it": ("il", "gli", "della", "dello", "non", "sono", "buongiorno", "grazie", "ciao", "mia", "miei", "mio",
           "per", "che"),
    "pl": ("się", "nie", "jest", "został", "została", "dzień", "dobry", "nowa", "nowy", "do", "na", "przez", "już",
           "od", "proszę", "prosze", "mój", "moja", "czekam"),
    "da": ("og", "til", "dig", "jeg", "ikke", "på", "hej", "mellem", "mig", "af"),
    "nl": ("je", "het", "een", "niet", "van", "ik", "hoi", "jouw", "uw", "ons", "wij", "we", "dat"),
    "sv": ("och", "jag", "inte", "på", "hej", "dig", "mig", "att", "är"),
    "no": ("og", "jeg", "ikke", "på", "hei", "deg", "meg", "til"),
    "ru": ("и", "что", "мой", "мне", "это", "вы", "добрый", "здравствуйте", "спасибо", "уже", "меня"),
    "uk": ("і", "що", "мій", "мені", "це", "ви", "добрий", "вітаю", "дякую", "вже", "мене"),
    "cs": ("je", "se", "už", "mám", "jsem", "není", "děkuji", "dobrý", "ahoj", "mě", "jsme", "nefunguje"),
    "ro": ("și", "nu", "la", "de", "este", "am", "bună", "ziua", "mulțumesc", "vă", "că"),
}
# A line of an organisation: toll-free and service words, customer-service desks ("appel non surtaxé", "numero
# verde", "Kundenservice"); a number right after one of these (or with one in the next few words) is public
SERVICE_LINE_WORDS: Table = {
    "en": ("toll-free", "toll free", "freephone", "free phone", "customer service", "customer services",
           "customer care", "helpline", "hotline", "support line", "service line", "switchboard",
           "business account", "business line", "business number", "head office", "our office", "our store",
           "our shop", "our branch", "standard rates", "local rate", "fax", "fax it", "by fax", "fax number",
           "official whatsapp", "official number", "official line",
           # (the reader sent to a line for help: "For help, call 0700 …")
           "for help", "for assistance", "for support", "for enquiries", "for inquiries", "for queries",
           "for more info", "for more information", "from abroad", "from outside the uk",
           # (a firm's own mobile, said so: "07700 … (that's the company on-call phone)", "the base duty mobile")
           "company on-call", "on-call phone", "duty mobile", "duty phone", "company mobile", "bookings line",
           "emergency callouts", "ticket office", "box office"),
    "de": ("fax", "telefax", "kostenlos", "kostenfrei", "gebührenfrei", "kundenservice", "kundendienst", "hotline", "servicenummer",
           "service-hotline", "rufen sie uns", "erreichen sie uns", "wir sind erreichbar", "sind wir erreichbar",
           "zentrale", "unsere filiale", "aus dem ausland"),
    "fr": ("fax", "télécopie", "numéro vert", "numero vert", "non surtaxé", "non surtaxe", "appel gratuit", "gratuit", "service client",
           "service clients", "serviceclient", "appelez-nous", "notre standard", "notre service", "notre magasin",
           "nous sommes joignables", "contactez le", "contactez-nous", "appelez le", "officiel", "billetterie",
           "au standard", "le standard", "depuis l'étranger", "de l'étranger"),
    "es": ("gratuito", "gratis", "atención al cliente", "atencion al cliente", "servicio de atención",
           "llámanos", "llamanos", "nuestro teléfono", "línea gratuita", "nuestra tienda", "teléfono de atención",
           "llama al", "llame al", "oficial", "de la empresa", "whatsapp de la empresa", "taquilla",
           "servicio técnico", "desde el extranjero"),
    "it": ("numero verde", "gratuito", "servizio clienti", "assistenza clienti", "assistenza", "assistenza tecnica",
           "chiamaci", "il nostro numero", "per info", "per informazioni",
           "il nostro negozio", "biglietteria", "centralino", "dell'azienda", "dall'estero"),
    "pt": ("gratuito", "atendimento", "central de atendimento", "sac", "ligue para nós", "nosso número",
           "nossa loja", "linha grátis", "fale com a gente", "fale conosco", "oficial"),
    "nl": ("gratis", "klantenservice", "bel ons", "ons nummer", "onze winkel", "servicenummer", "helpdesk",
           "technische helpdesk", "klantendienst", "het secretariaat", "secretariaat", "receptie"),
    "pl": ("bezpłatna", "bezpłatny", "infolinia", "infolinię", "infolinii", "infolinią", "obsługa klienta", "zadzwoń do nas", "nasz numer"),
    "sv": ("kundtjänst", "kundservice", "avgiftsfritt", "ring oss", "vårt nummer", "växel"),
    "da": ("kundeservice", "gratis", "ring til os", "vores nummer"),
    "no": ("kundeservice", "gratis", "ring oss", "vårt nummer"),
    "fi": ("asiakaspalvelu", "maksuton", "soita meille"),
    "tr": ("müşteri hizmetleri", "musteri hizmetleri", "ücretsiz", "çağrı merkezi", "çağrı merkezimize",
           "çağrı merkezimiz", "çağrı merkezimizi", "bizi arayın", "bize ulaşabilirsiniz", "bize ulaşın", "bize ulasabilirsiniz",
           "hattımız", "hattımıza", "hattımızdan"),
    "cs": ("zákaznická linka", "zákaznický servis", "zákaznické centrum", "infolinka", "bezplatná linka", "zavolejte nám", "naše číslo"),
    # an organisation's own line, told to the reader ("contactez le …", "fale com a gente pelo …", "WhatsApp oficial",
    # "hívjon minket", "μπορείτε να καλέσετε στο …", "hubungi kami")
    "hu": ("hívjon minket", "hívjanak minket", "ügyfélszolgálat", "ügyfélszolgálatunk", "ingyenes"),
    "el": ("μπορείτε να καλέσετε", "καλέστε μας", "εξυπηρέτηση πελατών", "δωρεάν"),
    "ro": ("sunați-ne", "sunati-ne", "serviciul clienți", "gratuit", "administrație", "administrația",
           "telefon administrație"),
    "id": ("hubungi kami", "layanan pelanggan", "call center", "resmi", "bebas pulsa"),
}
# Reference numbers that look like phone numbers or accounts: order, tracking, invoice, ticket, customer, receipt …
REFERENCE_WORDS: Table = {
    "de": ("bestellung", "bestellnummer", "bestellnr", "auftrag", "auftragsnummer", "sendung", "sendungsnummer",
           "sendungsverfolgung", "paket", "paketnummer", "rechnung", "rechnungsnummer", "vorgang", "vorgangsnummer",
           "ticketnummer", "kundennummer", "vertragsnummer", "buchungsnummer", "artikelnummer", "seriennummer",
           "quittung", "quittungsnummer", "beleg", "belegnummer", "losnummer", "kassenbon", "aktenzeichen",
           "geschäftszeichen", "transaktionsnummer", "transaktions-id", "transaktion"),
    "fr": ("commande", "numéro de commande", "suivi", "numéro de suivi", "colis", "facture", "dossier",
           "numéro de dossier", "réservation", "numéro client", "contrat", "ticket", "reçu", "numéro de reçu",
           "ticket de caisse"),
    "es": ("referencia", "número de referencia", "guía", "número de guía", "guía de envío", "pedido", "número de pedido", "envío", "envio", "seguimiento", "factura", "reserva", "expediente",
           "incidencia", "localizador", "número de cliente", "contrato", "recibo", "número de recibo", "comprobante",
           "número de transacción", "transacción", "numero de transaccion"),
    "it": ("ordine", "numero d'ordine", "spedizione", "tracking", "fattura", "pratica", "prenotazione",
           "codice cliente", "contratto", "segnalazione", "ricevuta", "scontrino", "numero ricevuta",
           "numero di transazione", "transazione", "id transazione"),
    "pt": ("encomenda", "pedido", "rastreio", "rastreamento", "código de rastreio", "fatura", "nota fiscal",
           "protocolo", "reserva", "contrato", "recibo", "comprovante", "cupom fiscal", "número da transação",
           "transação"),
    "nl": ("bestelling", "bestelnummer", "ordernummer", "zending", "pakket", "factuur", "factuurnummer",
           "klantnummer", "dossiernummer", "reservering", "track & trace", "kassabon", "bonnummer", "kwitantie",
           "zaaknummer", "ticketnummer", "klachtnummer", "referentie", "referentienummer", "kenmerk",
           "transactienummer", "transactie", "transactiecode", "transactie-id"),
    "pl": ("oferta", "oferty", "numer oferty", "aukcja", "aukcji", "zamówienie", "zamowienie", "numer zamówienia", "przesyłka", "przesylka", "faktura", "numer klienta",
           "zgłoszenie", "rezerwacja", "paragon", "pokwitowanie", "kod nadania", "numer nadania", "numer przesyłki",
           "numer paczki"),
    "sv": ("beställning", "ordernummer", "ordernr", "försändelse", "paket", "faktura", "fakturanummer", "fakturanr",
           "ocr-nummer", "ocr", "ocr-nr", "kundnummer", "ärende",
           "bokning", "kvitto", "kvittonummer", "biljett", "biljettnummer", "ärendenummer", "bokningsnummer"),
    "da": ("ordre", "ordrenummer", "ordrenr", "pakke", "forsendelse", "faktura", "kundenummer", "sagsnummer",
           "kvittering", "billet", "billetnummer", "billetnr"),
    "no": ("ordre", "ordrenummer", "pakke", "forsendelse", "faktura", "kundenummer", "saksnummer", "kvittering", "billett"),
    "fi": ("tilaus", "tilausnumero", "lähetys", "paketti", "lasku", "asiakasnumero", "kuitti"),
    "tr": ("sipariş", "siparis", "sipariş no", "kargo", "takip no", "fatura", "fatura no", "müşteri no", "makbuz",
           # (with their possessive endings: "Takip numarası", "Siparişiniz (No: …)")
           "takip numarası", "takip numarasi", "sipariş numarası", "siparişiniz", "siparisiniz", "kargo takip",
           "gönderi no", "gönderi numarası"),
    # (Indonesian: order and waybill, "nomor resi JNE …")
    "id": ("pesanan", "nomor pesanan", "resi", "nomor resi", "no resi", "no. resi", "invoice", "faktur",
           "id pelanggan", "id pel", "idpel", "nomor meter", "no meter"),
    "cs": ("objednávka", "objednávky", "objednávku", "objednávce", "číslo objednávky", "zásilka", "zásilky", "zásilku", "číslo zásilky", "faktura", "faktury", "číslo faktury", "reklamace", "zákaznické číslo", "sledovací číslo", "variabilní symbol"),
    # (Arabic: order and tracking number; Chinese and Japanese: ticket, order and waybill numbers, as written alone)
    "ar": ("رقم الطلب", "الطلب", "رقم التتبع", "التتبع", "رقم الشحنة", "الشحنة", "رقم الفاتورة", "الفاتورة"),
    "zh": ("工单号", "订单号", "單號", "单号", "运单号", "快递单号", "訂單號", "工單號"),
    "ja": ("注文番号", "伝票番号", "予約番号", "問い合わせ番号", "お問い合わせ番号"),
}

# -- bank accounts ------------------------------------------------------------------------------------
# Words after which a run of digits is a bank account number
ACCOUNT_WORDS: Table = {
    "en": ("account", "acct", "acc", "a/c", "account number", "account no", "checking", "savings", "ifsc",
           "institution", "transit"),
    "de": ("konto", "kontonummer", "konto-nr", "kontonr", "girokonto", "bankverbindung", "kto", "kto.-nr", "kto-nr",
           "kto.nr"),
    "fr": ("compte", "numéro de compte", "n° de compte", "rib", "compte bancaire", "compte courant"),
    # (and Argentina's CBU and CVU, Mexico's CLABE: the 22 and 18 digits a transfer is sent to)
    "es": ("cuenta", "número de cuenta", "nº de cuenta", "cuenta bancaria", "ccc", "cbu", "cvu", "clabe", "cuenta corriente",
           "cuenta vista", "cuenta rut"),
    "it": ("conto", "numero di conto", "conto corrente", "c/c"),
    "pt": ("conta", "conta corrente", "número da conta", "nº da conta", "agência", "agencia"),
    "nl": ("rekening", "rekeningnummer", "bankrekening", "rekeningnr"),
    "pl": ("numer konta", "nr konta", "konto", "rachunek", "numer rachunku", "nr rachunku"),
    "sv": ("kontonummer", "kontonr", "konto", "clearingnummer", "clearingnr", "bankkonto"),
    "da": ("kontonummer", "kontonr", "konto", "reg.nr", "registreringsnummer", "reg nr", "kto"),
    "no": ("kontonummer", "kontonr", "konto", "bankkonto"),
    "fi": ("tilinumero", "tili", "tilinro", "tilinumeroni", "tilille"),
    "tr": ("hesap no", "hesap numarası", "hesap numaram", "hesabım", "hesap"),
    "cs": ("číslo účtu", "cislo uctu", "účet", "účtu", "bankovní účet"),
    "ru": ("счёт", "счет", "счёта", "счета", "номер счёта", "номер счета", "расчётный счёт", "лицевой счёт",
           "расчетный счет", "мой счёт", "мой счет"),
    "uk": ("рахунок", "рахунку", "номер рахунку", "розрахунковий рахунок", "мій рахунок"),
    "el": ("λογαριασμός", "λογαριασμού", "λογαριασμό", "αριθμός λογαριασμού", "αριθμό λογαριασμού",
           "αριθμός λογαριασμού μου", "λογαριασμός μου", "λογαριασμό μου"),
    # (Romanian "cont" only with its article or a word beside it: "cont." is English's "continued")
    "ro": ("contul", "contul meu", "cont bancar", "numărul de cont", "numarul de cont", "nr. cont", "nr cont"),
    "hu": ("számlaszám", "számlaszámom", "bankszámlaszám", "bankszámlaszámom", "bankszámla", "szlaszám"),
    "ar": ("رقم الحساب", "رقم حسابي", "الحساب", "حسابي", "حساب بنكي", "الحساب البنكي"),
    "ko": ("계좌번호", "계좌", "통장"),
    "id": ("rekening", "no rekening", "no. rekening", "nomor rekening", "norek", "rek", "no rek", "no. rek"),
    "vi": ("tài khoản", "số tài khoản", "stk", "tk", "số tk", "stk đúng", "stk đúng của mình", "stk của mình",
           "tk của mình", "tk đúng của mình"),
    # (Japanese: the account's kind before its number, 普通 ordinary, 当座 current; 口座 account)
    "ja": ("普通", "当座", "口座", "口座番号", "普通預金"),
    # (Hindi: खाता account, and the English loanword written in Devanagari)
    "hi": ("खाता", "खाता नंबर", "खाता संख्या", "बैंक खाता", "अकाउंट नंबर", "अकाउंट"),
}
# An organisation's own bank details: near one of these (and not labelled as the writer's), an IBAN or account is
# public ("pay the invoice to our account", "Spendenkonto", "Stichting …")
ORGANISATION_WORDS: Table = {
    "en": ("our account", "our bank details", "our iban", "pay to", "payable to", "payee", "beneficiary", "donate",
           "donation", "donations", "charity", "foundation", "company account", "business account",
           "your company's", "the company's", "your firm's", "your business's",
           "pay the invoice", "pay your invoice", "bank details for invoices", "paying invoices", "pay invoices",
           "for invoices", "pay your bill", "pay the bill", "our company", "our company's", "ach details",
           # (the bill's own details, and an account "for paying" the organisation: "is it still sort code … for
           # paying by bank transfer?")
           "on the invoice", "on your invoice", "on the bill", "on your bill", "for paying", "to pay you",
           "pay you by", "paying you", "transfers to us", "payments to us", "pay us", "our banking details",
           "can be paid to", "may be paid to", "pay the levy", "trust account", "company bank details",
           "body corporate",
           # (the way to pay it, and its details given so: "To pay by bank transfer, use sort code …", "our details
           # are …", "For wire payments to Summit Property …"; a gift made: "donated to … via their IBAN")
           "pay by bank transfer", "pay by transfer", "our details", "our payment details", "payments to",
           "wire payments", "donated", "donating",
           # (the account an invoice names, asked about: "Your invoice says to pay GB16 … — is that really your account")
           "says to pay", "invoice says", "really your account", "really your bank account",
           # (rent or fees paid to an agency or a school: "Rent paid to Kingsway Lettings sort code …, as per your letter")
           "rent paid to", "as per your letter", "per your letter", "school account", "your official iban",
           "food drive", "our official site", "on our official site",
           "official iban", "your official account",
           "school's account", "right school account"),
    "de": ("spendenkonto", "spende", "spenden", "empfänger", "unser konto", "unsere iban", "firmenkonto",
           "gebühren zahlen sie", "zahlen sie", "landeshauptkasse", "stadtkasse", "gemeindekasse", "unsere bankverbindung",
           "zahlungsempfänger", "stiftung", "überweisen sie an", "ihre rechnung", "rechnung begleichen",
           "zahlung ihrer rechnung", "auf der rechnung", "auf ihrer rechnung", "hausgeldkonto", "weg-konto",
           "vereinskonto"),
    "fr": ("notre compte", "notre iban", "nos coordonnées bancaires", "régler la facture", "iban du cabinet",
           "iban de la société", "iban de l'entreprise", "iban de la mairie", "bénéficiaire", "faire un don", "dons", "association",
           "fondation", "à l'ordre de", "régler votre facture", "regler votre facture", "payer votre facture",
           "règlement de votre facture", "règlement de vos factures", "sur la facture", "sur votre facture",
           "régler par virement", "payer par virement", "en indiquant la référence",
           "le vôtre", "le votre", "compte de la copropriété", "compte du syndicat", "compte du club"),
    "es": ("nuestra cuenta", "nuestro iban", "beneficiario", "donativo", "donativos", "donación", "donaciones", "fundación",
           "asociación", "pagar su factura", "pagar la factura", "abonar su factura", "en la factura",
           "en su factura",
           # (a community of owners' or a club's account: "a la cuenta de la comunidad en Banco Meseta, ES58 …")
           "cuenta de la comunidad", "comunidad de propietarios", "cuenta del club", "cuenta de la asociación"),
    "it": ("dell'agenzia", "iban dell'agenzia", "il nostro conto", "nostro conto", "intestato al", "intestata al", "intestata a", "nostro iban", "iban aziendale", "conto aziendale", "intestato a", "beneficiario", "donazione", "donazioni", "fondazione", "associazione",
           "onlus", "pagare la fattura", "saldare la fattura", "pagamento della fattura", "sulla fattura",
           "sulla bolletta", "conto del condominio", "conto condominiale"),
    "pt": ("nossa conta", "nosso iban", "favorecido", "beneficiário", "doação", "doações", "fundação", "associação",
           "pagar a fatura", "pagamento da fatura", "pagar a sua fatura", "na fatura", "no boleto", "seguros",
           "seguradora", "na carta", "iban correto da"),
    "nl": ("stichting", "vereniging", "onze rekening", "onze iban", "rekening van de gemeente", "echt de rekening", "ten name van", "t.n.v.", "tnv", "doneer", "donatie",
           "donaties", "goed doel", "uw factuur", "de factuur betalen", "op de factuur", "op uw factuur"),
    "pl": ("fundacja", "stowarzyszenie", "nasze konto", "nasz numer konta", "numer konta do wpłat", "odbiorca",
           "darowizna", "wpłaty", "rachunek firmy",
           "konto firmy", "nasz rachunek", "w tytule przelewu", "w tytule prosimy", "numer faktury"),
    "sv": ("insamling", "stiftelse", "vårt konto", "mottagare", "bankgiro", "plusgiro", "på fakturan"),
    "da": ("forening", "vores konto", "modtager", "indsamling", "på fakturaen", "betal fakturaen", "fakturanummer",
           "cvr"),
    "no": ("stiftelse", "forening", "vår konto", "mottaker", "innsamling"),
    # (a payment's reference number given with the account: "… tilille FI21 … viitteellä 13002", the payee's)
    "fi": ("säätiö", "lahjoitus", "saaja", "laskussa", "viitteellä", "viite", "taloyhtiön", "taloyhtiön tili"),
    "ro": ("contul vostru", "de pe factură", "de pe factura", "pe factură", "contul firmei", "contul asociației"),
    "tr": ("vakfı", "vakıf", "derneği", "bağış", "bağışlarınız", "vakfımızın", "vakfımız", "alıcı", "faturada", "faturadaki", "şirketimizin", "şirketimiz",
           "firmamızın", "faturanızı"),
    "cs": ("náš účet", "příjemce", "nadace", "sbírka", "dar", "spolek", "uhradit fakturu", "úhrada faktury",
           "fakturu prosím uhraďte", "uhraďte", "s.r.o.", "a.s."),
    # the payee named with its legal form or company number ("δικαιούχος … Α.Ε., ΑΦΜ …", "לטובת … בע"מ, ח.פ.",
    # "отримувач ТОВ …, ЄДРПОУ …", "ООО …, ИНН …, КПП …", "户名 …有限公司", "บัญชีบริษัท")
    "el": ("δικαιούχος", "δικαιούχο", "α.ε.", "ε.π.ε.", "ι.κ.ε.", "εξοφλήσετε τον λογαριασμό", "εξόφληση λογαριασμού"),
    "he": ("לטובת", "בע\"מ", "ח.פ.", "ח.פ", "שם המוטב", "מוטב"),
    "uk": ("отримувач", "отримувача", "тов", "пп", "єдрпоу", "оплатити рахунок", "призначенні платежу", "призначенні"),
    "ru": ("получатель", "получателя", "ооо", "ао", "пао", "оао", "кпп", "назначении платежа", "оплатить счёт",
           "оплатить счет"),
    "zh": ("户名", "戶名", "收款人", "收款单位", "有限公司", "股份有限公司", "统一社会信用代码", "統一編號", "对公账户",
           "公司账户", "货款", "汇至"),
    "th": ("บัญชีบริษัท", "ชื่อบัญชี บจก", "บจก.", "บริษัท", "เลขประจำตัวผู้เสียภาษี", "ชำระค่าบริการ"),
    # (Japanese, Arabic, Indonesian: a donation, a charity or foundation, a non-profit's legal form)
    "ja": ("寄付", "募金", "義援金", "特定非営利活動法人", "NPO法人", "一般社団法人", "公益財団法人", "社会福祉法人", "基金"),
    "ar": ("للتبرع", "التبرع", "تبرع", "تبرعات", "تبرعاتكم", "جمعية", "خيرية", "الخيرية", "مؤسسة", "حساب الشركة"),
    "id": ("donasi", "yayasan", "penggalangan dana", "rekening yayasan", "rekening perusahaan", "rekening resmi"),
}
# Legal forms written after a company's name ("Voltra Energie GmbH", "Acme B.V."): matched as written, in capitals
LEGAL_FORMS: Table = {
    "en": ("Ltd", "Ltd.", "Limited", "LLC", "Inc", "Inc.", "PLC", "plc", "LLP", "Pty", "Corp", "Corp.", "Co", "Co.",
           "Company", "DAC", "CLG", "Sdn Bhd", "Bhd"),
    "de": ("GmbH", "AG", "e.V.", "KG", "OHG", "UG", "e.K.", "GmbH & Co. KG"),
    "fr": ("SARL", "SAS", "SASU", "EURL", "SA", "S.A."),
    "es": ("S.L.", "SL", "S.A.", "SLU", "S.L.U."),
    "it": ("S.r.l.", "Srl", "SRL", "srl", "S.p.A.", "SpA", "S.n.c.", "Snc", "S.a.s."),
    "pt": ("Ltda", "Ltda.", "Lda", "Lda.", "S.A."),
    "nl": ("B.V.", "BV", "N.V.", "NV", "VOF", "Stichting"),
    "pl": ("sp. z o.o.", "Sp. z o.o.", "S.A.", "s.c."),
    "sv": ("AB",),
    "da": ("ApS", "A/S"),
    "no": ("AS", "ASA"),
    "fi": ("Oy", "Oyj", "ry"),
    "tr": ("A.Ş.", "Ltd. Şti."),
    "el": ("Α.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "Ο.Ε."),
    "cs": ("s.r.o.", "a.s."),
    "ro": ("S.R.L.", "SRL"),
}
# Giving money back to the writer: an account after one of these is the writer's own ("refund to …", "erstatten auf")
# (and taking money from the writer: a direct debit is drawn from the payer's account, "per Lastschrift von …")
REFUND_WORDS: Table = {
    "en": ("refund", "refunded", "reimburse", "pay me", "pay it back", "send it back", "my", "direct debit from",
           "debit order from", "debited from"),
    "de": ("erstatten", "erstattung", "rückerstattung", "zurücküberweisen", "mein", "meine", "meinem", "meines",
           "lastschrift von", "abbuchen von", "abgebucht von"),
    "fr": ("rembourser", "remboursement", "remboursez", "remboursé", "remboursée", "remboursés", "mon", "ma",
           "prélèvement sur", "prélevé sur"),
    "es": ("reembolso", "reembolsar", "devolución", "devolver", "mi", "domiciliación en", "domiciliado en"),
    "it": ("rimborso", "rimborsare", "rimborsate", "mio", "mia", "addebito su", "addebitato su"),
    "pt": ("reembolso", "reembolsar", "estorno", "devolver", "meu", "minha", "débito direto na", "débito em conta"),
    # (and money asked "back to" an account: "het teveel betaalde terug op NL34 …", "geld terug naar …")
    "nl": ("terugstorten", "terugbetalen", "terugbetaling", "mijn", "incasso van", "afgeschreven van", "terug op",
           "terug naar", "terugboeken"),
    "pl": ("zwrot", "zwrócić", "moje", "mój", "mojego"),
    "sv": ("återbetalning", "återbetala", "mitt", "min"),
    "da": ("tilbagebetaling", "refusion", "min", "mit"),
    "no": ("tilbakebetaling", "refusjon", "min", "mitt"),
    "fi": ("hyvitys", "palautus", "minun"),
    "tr": ("iade", "benim", "hesabıma"),
    "hi": ("mera", "मेरा", "मेरी", "मेरे"),  # (not "mere", "meri": an English word, names)
}

# -- e-mail and owner cues ----------------------------------------------------------------------------
# "my …" in each language: a detail labelled so is the writer's own, whatever it looks like
OWNER_WORDS: Table = {
    "en": ("my", "mine"),
    "de": ("mein", "meine", "meiner", "meinen", "meinem"),
    "fr": ("mon", "ma", "mes"),
    "es": ("mi", "mis"),
    "it": ("mio", "mia", "il mio", "la mia"),
    "pt": ("meu", "minha", "o meu", "a minha"),
    "nl": ("mijn",),
    "pl": ("mój", "moj", "moja", "moje", "mojego", "mojej"),
    "sv": ("min", "mitt", "mina"),
    "da": ("min", "mit", "mine"),
    "no": ("min", "mitt", "mine"),
    "fi": ("minun",),
    "tr": ("benim",),
    "cs": ("můj", "moje", "moji", "mé", "mého", "mojí"),
}
# The word for an e-mail address in each language ("meine E-Mail ist", "mon mail", "mi correo")
EMAIL_WORDS: Table = {
    "en": ("email", "e-mail", "mail", "email address", "inbox", "addy"),
    "de": ("e-mail", "mail", "e-mail-adresse", "mailadresse", "emailadresse"),
    "fr": ("mail", "e-mail", "courriel", "adresse mail", "adresse e-mail", "adresse électronique"),
    "es": ("correo", "correo electrónico", "email", "e-mail", "mail"),
    "it": ("email", "e-mail", "mail", "indirizzo email", "posta elettronica"),
    "pt": ("email", "e-mail", "correio eletrônico", "endereço de email"),
    "nl": ("e-mail", "mail", "mailadres", "e-mailadres"),
    "pl": ("e-mail", "mail", "adres e-mail", "adres mailowy", "maila"),
    "sv": ("mejl", "e-post", "e-postadress", "mejladress", "mail"),
    "da": ("e-mail", "mail", "mailadresse", "e-mailadresse"),
    "no": ("e-post", "epost", "e-postadresse", "mail"),
    "fi": ("sähköposti", "sähköpostiosoite", "sposti"),
    "tr": ("e-posta", "eposta", "mail", "e-posta adresim", "mail adresim"),
}
# Role mailboxes of organisations in each language (support@, kundenservice@ …)
ROLE_MAILBOXES: Table = {
    "en": ("business", "collabs", "collab", "partnerships", "partnership", "sponsor", "sponsors", "brand", "brands",
           "enquiry", "booking", "bookings", "management", "mgmt", "pr", "agency", "talent", "orders", "team",
           "hello", "careers", "dpo", "complaints", "noreply", "no-reply", "recalls", "recall", "docs", "documents",
           "cancel", "cancellations", "welfare",
           "document", "applications", "application", "disputes", "dispute", "reports", "uploads", "warranty",
           "repairs", "accessibility", "collections", "fraudteam", "recruitment",
           # (customer service's and customer care's short names, in English and beyond: "cs@…", "cx@…", "incident", "incidents", "incydent", "abuse", "hotro", "fees")
           "cs", "cx", "cc", "customercare", "custcare",
           # an office or department of a college, landlord, council or firm ("bursar@…", "leasing@…")
           "bursar", "bursary", "registrar", "admissions", "admission", "leasing", "lettings", "rentals", "finance",
           "payroll", "treasury", "procurement", "purchasing", "facilities", "maintenance", "library", "housing",
           "studentservices", "financialaid", "finaid", "tenants", "residents", "council", "planning", "permits",
           "licensing",
           # a firm's teams and desks ("completions@…", "mortgages.cork@…", "rx@…": a pharmacy's prescriptions desk)
           "registrars", "registry", "completions", "mortgages", "lending", "loans", "migrations", "transfers",
           "dispatch", "aftersales", "servicing", "workshop", "parts", "technical", "techsupport", "rx",
           "prescriptions", "groups", "tours", "visits", "patients", "patientservices", "overseas", "secretary",
           "tax", "vat", "invoicing", "intake", "hardship", "receipts", "receipt", "fees", "tuition", "kyc"),
    "de": ("kundenservice", "kundendienst", "service", "kontakt", "anfrage", "buchhaltung", "datenschutz", "hilfe",
           "bestellung", "bestellungen", "rechnung", "rechnungen", "beschwerde", "presse", "betrug", "reklamation",
           "widerruf", "garantie", "schaden", "schadenmeldung", "schadensmeldung", "versand", "abrechnung",
           "reservierung", "termine", "verkauf", "vertrieb", "technik", "werkstatt", "buchung", "empfang",
           "sekretariat", "verwaltung", "personalabteilung", "lohnbuchhaltung", "gruppen"),
    "fr": ("service-client", "serviceclient", "serviceclients", "contact", "commercial", "commandes", "facturation",
           "reclamation", "réclamation", "presse", "assistance", "bonjour", "fraude", "litiges", "sav",
           "reclamations", "réclamations", "sinistre", "sinistres", "reservation", "rendezvous", "gestion",
           "juridique", "financement", "atelier", "secretariat", "accueil", "comptabilite", "devis", "ventes",
           "groupes", "billetterie"),
    "es": ("atencion", "atencionalcliente", "clientes", "soporte", "ayuda", "contacto", "ventas", "pedidos",
           "reclamaciones", "prensa", "hola", "fraude", "incidencias", "devoluciones", "siniestros", "reservas",
           "citas", "secretaria", "administracion", "taller", "recepcion", "juridico", "contabilidad", "averias",
           "grupos"),
    "it": ("assistenza", "servizioclienti", "clienti", "ordini", "contatti", "amministrazione", "stampa", "ciao", "reclami", "reclamo", "segnalazioni",
           "frodi", "pec", "sinistri", "prenotazioni", "gruppi", "segreteria", "officina", "biglietteria",
           "vendite", "commerciale"),
    "pt": ("atendimento", "apoio", "suporte", "contato", "contacto", "faleconosco", "sac", "vendas", "pedidos",
           "ola", "fraude", "ouvidoria", "reclamacoes", "reclamações", "sinistros", "reservas", "seguranca",
           "segurança", "cobranca", "cobrança", "financeiro"),
    "nl": ("klantenservice", "klantendienst", "contact", "bestellingen", "facturen", "administratie", "pers", "fraude", "klachten",
           "retouren", "schade", "schademelding", "reserveringen", "afspraken", "salarisadministratie",
           "werkplaats", "verkoop", "receptie", "personeelszaken",
           # (a bank's mailbox for forwarding fake messages to, "valse@…", "phishing@…" is above)
           "valse", "valsemail", "nepmail", "verhuur", "intake", "groepen"),
    "pl": ("biuro", "obsluga", "kontakt", "pomoc", "reklamacje", "zamowienia", "sklep", "oszustwa",
           "zwroty", "szkody", "rezerwacje"),
    "sv": ("kundtjanst", "kundservice", "kontakt", "order", "faktura", "hej", "skador", "skadeanmalan", "bokning",
           "verkstad", "verkstaden", "forsaljning", "ekonomi"),
    "da": ("kundeservice", "kontakt", "ordre", "faktura", "hej", "skade", "skader", "booking", "vaerksted",
           "værksted", "salg", "regnskab"),
    "no": ("kundeservice", "kontakt", "post", "ordre", "hei", "skade", "skademelding", "verksted", "salg",
           "regnskap"),
    "fi": ("asiakaspalvelu", "myynti", "tilaukset", "tuki", "reklamaatiot", "vahingot", "korvaukset"),
    "tr": ("destek", "iletisim", "musterihizmetleri", "bilgi", "satis", "sikayet", "hasar"),
    "cs": ("podpora", "reklamace", "obchod", "fakturace", "zakaznicka", "info"),
    "ro": ("suport", "contact", "reclamatii", "relatii", "clienti", "vanzari", "asistenta"),
    # (Indonesian: "halo@…", hello; "cs@…" is above)
    "id": ("halo", "bantuan", "pengaduan", "layanan", "pelanggan", "keluhan"),
    # (Vietnamese: support, customer care, contact; Korean shops' tax-invoice desks write "tax@…")
    "vi": ("hotro", "cskh", "lienhe", "chamsockhachhang"),
}

# -- addresses ----------------------------------------------------------------------------------------
# Street words written BEFORE the name ("Via Garibaldi 8", "ul. Długa 5", "Calle Mayor 45"): the number follows
STREET_WORDS_BEFORE: Table = {
    "es": ("calle", "c/", "avenida", "avda.", "avda", "av.", "paseo", "pº", "camino", "carrer", "plaza", "pza.",
           "ronda", "travesía", "carretera", "ctra."),
    "it": ("via", "viale", "v.le", "corso", "c.so", "piazza", "p.za", "largo", "vicolo", "strada", "piazzale",
           "lungomare", "contrada"),
    "pt": ("rua", "r.", "avenida", "av.", "travessa", "tv.", "praça", "praca", "alameda", "estrada", "largo",
           "rodovia"),
    "pl": ("ul.", "ulica", "al.", "aleja", "os.", "osiedle", "pl.", "plac"),
    "tr": ("sokak", "sok.", "sk.", "cadde", "caddesi", "cad.", "cd.", "mahalle", "mahallesi", "mah.", "mh.",
           "bulvar", "bulvarı", "blv."),
    # (Belgium and Switzerland write the street first: "Avenue Brugmann 214, 1190 Forest", "Rue de la Loi 16")
    "fr": ("chaussée", "place", "route", "rue", "avenue", "boulevard", "allée", "chemin", "impasse", "quai"),
    "ro": ("str.", "strada", "bd.", "bdul.", "b-dul", "bulevardul", "calea", "șos.", "sos.", "șoseaua", "aleea",
           "splaiul", "intrarea"),
}
# Street words ending a compound name ("Hauptstraße 12", "Drottninggatan 5", "Nørregade 12", "Kalverstraat 1")
STREET_ENDINGS: Table = {
    "de": ("straße", "strasse", "str.", "gasse", "allee", "platz", "weg", "damm", "ufer", "chaussee", "pfad",
           "steig"),
    "nl": ("straat", "laan", "plein", "gracht", "weg", "kade", "singel", "dreef", "dijk", "steeg"),
    "sv": ("gatan", "vägen", "gränd", "torget", "backen", "allén", "stigen", "gata", "väg"),
    "da": ("vej", "gade", "allé", "alle", "stræde", "torv", "vænget", "parken"),
    "no": ("veien", "vegen", "gata", "gate", "gaten", "allé", "plassen"),
    "fi": ("katu", "kuja", "polku", "väylä"),
}
# A unit after the house number ("int. 5", "esc. B", "3º 2ª", "m. 4", "lgh 1102", "3. tv.", "Whg. 7", "apto 12")
UNIT_WORDS: Table = {
    "en": ("apt", "apartment", "unit", "suite", "ste", "flat", "floor", "fl", "#"),
    "de": ("whg.", "wohnung", "stiege", "top", "og", "stock"),
    # (and Belgium's letterbox: "Avenue Brugmann 214, boîte 7")
    "fr": ("bât.", "bât", "bat.", "bâtiment", "esc.", "escalier", "étage", "appt", "apt.", "boîte", "boite", "bte"),
    "es": ("piso", "puerta", "esc.", "escalera", "planta", "bajo", "izq", "izda", "dcha", "dcha."),
    "it": ("int.", "interno", "scala", "sc.", "piano"),
    "pt": ("apto", "apto.", "ap.", "bloco", "andar", "casa", "sala", "cj."),
    "nl": ("hs", "bis", "huis"),
    "pl": ("m.", "lok.", "mieszkanie", "lokal"),
    "sv": ("lgh", "lägenhet", "tr"),
    "da": ("st.", "tv.", "th.", "mf."),
    "tr": ("daire", "kat", "no:", "no"),
    "cs": ("byt", "č. b."),
    "ro": ("bl.", "bloc", "sc.", "scara", "ap.", "et.", "etaj", "sector"),
}
# A business's or a public body's place, the word that owns an address or a number written after it in the same
# clause ("our store at …", "Filiale …", "la succursale de …", "la farmacia de …", "salonu przy …"): inflected
# forms as written (Swedish "butiken", Turkish "mağazamız", Polish "sklepu")
BUSINESS_PLACE_WORDS: Table = {
    # (parcel pick-up points and an organisation's depots count: "the UPS Access Point inside Walgreens, …", "het
    # afhaalpunt: Primera, …", "our returns hub: …")
    "en": ("store", "shop", "branch", "head office", "hq", "headquarters", "showroom", "pharmacy", "town hall",
           "city hall", "embassy", "consulate", "dealership", "outlet", "warehouse", "access point", "pickup point",
           "pick-up point", "collection point", "parcel shop", "parcelshop", "parcel locker", "service point",
           "drop-off point", "returns hub", "returns centre", "returns center", "distribution centre",
           "distribution center", "fulfilment centre", "fulfillment center", "depot", "hub", "business park",
           "industrial estate", "industrial park", "trading estate", "retail park",
           # (clinics, surgeries, chapels, terminals, reception desks: the places of practices and venues)
           # (not "surgery": an operation as often as a practice)
           "office", "clinic", "vet", "veterinary", "hospital", "chapel", "funeral home", "terminal",
           "reception", "front desk", "credit union", "chiropractic", "chiropractor", "dentist", "dental practice"),
    "de": ("filiale", "geschäft", "laden", "zentrale", "hauptsitz", "firmensitz", "niederlassung", "apotheke",
           "rathaus", "botschaft", "konsulat", "showroom", "packstation", "paketshop", "abholstation", "postfiliale",
           "paketstation", "retourenzentrum", "lager", "praxis", "klinik", "tierarztpraxis", "tierklinik", "büro",
           "rezeption", "agentur"),
    "fr": ("succursale", "agence", "magasin", "boutique", "siège", "siège social", "pharmacie", "mairie",
           "hôtel de ville", "ambassade", "consulat", "entrepôt", "point relais", "relais colis", "point retrait",
           "consigne", "clinique", "cabinet", "réception", "accueil", "secrétariat", "section consulaire", "guichet"),
    "es": ("tienda", "sucursal", "oficina", "sede", "sede central", "farmacia", "ayuntamiento", "embajada",
           "consulado", "almacén", "punto de recogida", "punto pack", "oficina de correos", "taquilla", "clínica",
           "clinica", "consultorio", "veterinaria", "hospital", "recepción", "agencia",
           # (a warehouse, in the Americas: "el despacho sale desde nuestra bodega en Av. …")
           "bodega", "centro de distribución", "punto de retiro", "punto de entrega", "local de retiro"),
    "it": ("negozio", "filiale", "sede", "sede legale", "punto vendita", "farmacia", "comune", "municipio", "deposito",
           "anagrafe",
           "ambasciata", "consolato", "magazzino", "ufficio", "punto di ritiro", "punto ritiro", "locker",
           "ambulatorio", "clinica", "agenzia", "ospedale", "reception"),
    "pt": ("loja", "filial", "agência", "sede", "escritório", "farmácia", "câmara municipal", "prefeitura",
           "embaixada", "consulado", "armazém", "ponto de recolha", "ponto de retirada", "ponto pickup", "clínica",
           "clinica", "consultório", "veterinária", "hospital", "recepção", "ponto pickup", "ponto de recolha", "ponto de levantamento"),
    "nl": ("winkel", "filiaal", "vestiging", "kantoor", "hoofdkantoor", "apotheek", "gemeentehuis", "stadhuis",
           "ambassade", "consulaat", "magazijn", "showroom", "afhaalpunt", "pakketpunt", "servicepunt",
           "ophaalpunt", "retourpunt", "praktijk", "kliniek", "dierenkliniek", "receptie"),
    "pl": ("sklep", "sklepu", "sklepie", "oddział", "oddziału", "siedziba", "siedziby", "biuro", "biura", "salon",
           "salonu", "salonie", "apteka", "apteki", "urząd", "urzędu", "ambasada", "ambasady", "placówka",
           "placówki", "paczkomat", "paczkomacie", "punkt odbioru", "punkcie odbioru", "przychodnia", "klinika",
           # ("paczkę odbierzesz w punkcie przy ul. …": at the pick-up point)
           "punkcie",
           "gabinet", "recepcja",
           # (in the instrumental, as "kontakt z …" writes them: "proszę o kontakt z biurem …")
           "sklepem", "biurem", "oddziałem", "salonem", "recepcją", "apteką", "urzędem", "placówką", "przychodnią",
           "kliniką", "gabinetem", "siedzibą"),
    "sv": ("butik", "butiken", "butiker", "butikerna", "kontor", "kontoret", "huvudkontor", "huvudkontoret",
           "filial", "filialen", "apotek", "apoteket", "ambassad", "ambassaden", "ombud", "ombudet",
           "utlämningsställe", "paketskåp", "klinik", "kliniken", "mottagningen", "receptionen", "kansli",
           "kansliet"),
    "da": ("butik", "butikken", "butikker", "kontor", "kontoret", "hovedkontor", "hovedkontoret", "filial",
           "afdeling", "apotek", "apoteket", "rådhus", "rådhuset", "ambassade", "ambassaden", "pakkeshop",
           "pakkeboks", "udleveringssted", "klinik", "klinikken", "dyreklinik", "receptionen", "lægeklinikken",
           "lægeklinik", "lægehuset", "tandlægen"),
    "no": ("butikk", "butikken", "kontor", "kontoret", "hovedkontor", "hovedkontoret", "filial", "avdeling",
           "apotek", "apoteket", "rådhus", "rådhuset", "ambassade", "ambassaden", "hentested",
           "pakkeautomat", "klinikk", "klinikken", "resepsjonen"),
    "fi": ("myymälä", "myymälämme", "liike", "toimisto", "toimistomme", "pääkonttori", "konttori", "apteekki",
           "kaupungintalo", "suurlähetystö", "sivuliike", "noutopiste", "pakettiautomaatti", "klinikka"),
    "tr": ("mağaza", "mağazamız", "mağazası", "mağazamıza", "şube", "şubemiz", "şubesi", "ofis", "ofisimiz",
           "genel merkez", "merkez ofis", "eczane", "belediye", "büyükelçilik", "konsolosluk", "klinik",
           "veteriner", "resepsiyon", "şubeniz", "mağazanız"),
    # Vietnamese, Indonesian and Malay (their addresses' rules: privacy.py's _LATIN_ASIA_ADDRESSES)
    "vi": ("cửa hàng", "chi nhánh", "văn phòng", "công ty", "trụ sở", "nhà thuốc", "phòng khám", "bệnh viện",
           "nhà ga", "bưu cục", "đại lý", "siêu thị", "ngân hàng", "kho hàng", "cơ sở"),
    "id": ("toko", "kantor", "cabang", "gerai", "apotek", "klinik", "rumah sakit", "stasiun", "gudang", "kaunter",
           "cawangan", "pejabat", "kedai",
           "kantor pos", "kedai", "pejabat", "cawangan", "kafe", "restoran"),
    "ro": ("sediul", "sediu", "sediului", "magazinul", "magazin", "filiala", "agenția", "agentia", "punctul de lucru",
           "showroom-ul", "farmacia"),
}
# Venues and services where people go, for addresses only (not for phones: BUSINESS_PLACE_WORDS is shared): a
# cinema, a school, a funeral parlour, a workshop, a service centre … named in the clause before an address
# ("the Canal Walk cinema, 3 Wharf Street", "el tanatorio de Calle …", "in unserer Kapelle, …", "Rendez-vous en
# préfecture : …", "Biografen på …"). In the Germanic languages a compound ending in one of them counts too
# ("veterinærklinikken", "fietsenwerkplaats")
VENUE_WORDS: Table = {
    "en": ("centre", "center", "facility", "hall", "entrance", "cinema", "theatre", "theater", "nursery", "school", "college", "academy",
           "care home", "nursing home", "workshop", "garage", "venue", "clubhouse", "club house", "pavilion", "arena",
           "stadium", "leisure centre", "sports centre", "library", "museum", "gallery", "town hall", "civic centre",
           "church", "crematorium", "cemetery", "funeral parlour", "funeral service", "post office", "car park",
           "partner", "locksmiths", "newsagent", "tournament", "ceremony", "memorial", "exhibition",
           "market", "hostel", "restaurant", "cafe", "café", "salon", "gym", "studio", "bakery", "pub", "bar",
           "dealership", "depot", "laundrette", "launderette", "dry cleaner", "dry cleaners", "company",
           # an organisation's desks and departments ("guest relations (…)", "patient financial services is at …")
           "services", "relations", "admissions", "box office", "ticket office", "lost property"),
    "de": ("kapelle", "friedhof", "trauerhalle", "kita", "kindergarten", "schule", "werkstatt", "autohaus", "eingang",
           "notaufnahme",
           "kundendienst", "rechenzentrum", "klinikum", "krankenhaus", "kino", "theater", "halle", "zentrum",
           "servicecenter", "notbetreuung", "geschäftsstelle", "ausgabestelle",
           # (and as a compound's end: "Tonstudio", "Fundbüro", "Busbahnhof"; lost property at a bus station, "ZOB")
           "studio", "büro", "bahnhof", "fundsachen", "zob"),
    "fr": ("préfecture", "prefecture", "sous-préfecture", "bureau de poste", "atelier", "garage", "école", "crèche",
           "cinéma", "salle", "centre", "service juridique", "registraire", "funérarium", "chapelle", "église"),
    "es": ("tanatorio", "velatorio", "cerrajería", "academia", "administración", "juguetería", "taller", "centro",
           "colegio", "cine", "teatro", "polideportivo", "iglesia", "capilla", "escuela"),
    "it": ("caf", "patronato", "biglietteria", "centro", "sportello", "scuola", "officina", "cinema", "teatro", "palestra",
           "chiesa", "cappella", "parco"),
    "pt": ("centro", "oficina", "escola", "cinema", "teatro", "igreja", "capela"),
    "nl": ("werkplaats", "kinderopvang", "school", "bioscoop", "theater", "garage", "kerk", "centrum",
           "stadskantoor", "kantoor", "gemeentehuis"),
    "el": ("κατάστημα", "κατάστημά", "γραφείο", "γραφεία", "καταστήματα"),
    "pl": ("parkomat", "parkomatu", "serwis", "kino", "szkoła", "szkole", "warsztat", "kościół", "centrum", "magazyn",
           "zwroty"),
    "sv": ("biografen", "biograf", "verkstad", "verkstaden", "vårdcentral", "vårdcentralen", "skola", "skolan",
           "ekonomiavdelning", "kyrka", "kyrkan", "kapell", "kapellet"),
    "da": ("værksted", "værkstedet", "biograf", "biografen", "skole", "skolen", "kirke", "kirken", "dyrlæge"),
    "no": ("verksted", "verkstedet", "kino", "kinoen", "skole", "skolen", "kirke", "kirken", "veterinær",
           "klinikken", "klinikk"),
    "fi": ("palvelutalo", "huolto", "koulu", "kirkko", "elokuvateatteri", "keskus"),
    "ro": ("service-ul", "magazin", "magazinul", "clinica", "atelier", "atelierul", "centru", "centrul"),
    "cs": ("centrum", "pobočka", "prodejna", "servis"),
    "ru": ("сервисный центр", "центр", "офис", "магазин", "филиал"),
}
# The same places in the languages written without spaces between words (Japanese, Chinese, Korean compounds,
# Thai): matched inside a run of letters, before an address in its clause or as the building named right after
# it ("東京本社：…", "渋谷駅は…", "…2-21-1 サクラ物流センター", "门店地址：…", "강남 매장: …", "สาขาเซ็นทรัลเวิลด์ …").
# Stations count before an address only (STATION_MARKS): a "駅前ビル" is a house's building.
BUSINESS_PLACE_MARKS: Table = {
    "ja": ("店", "店舗", "本社", "支社", "営業所", "事務所", "事業所", "センター", "病院", "医院", "クリニック",
           "会社", "工場", "倉庫", "役所", "役場", "郵便局", "窓口", "銀行", "ホテル", "ショップ", "ストア",
           "オフィス", "本部", "受付", "保育園", "幼稚園", "施設"),
    "zh": ("门店", "門市", "门市", "店", "公司", "总部", "總部", "营业厅", "營業廳", "办事处", "辦事處", "医院",
           "醫院", "诊所", "診所", "银行", "銀行", "支行", "分行", "仓库", "倉庫", "中心", "网点", "網點", "商场",
           "退货地址", "退貨地址", "售后部", "售後部",
           "商場", "酒店", "饭店", "飯店", "学校", "學校", "工厂", "工廠"),
    "ko": ("매장", "지점", "본점", "본사", "지사", "사무소", "사무실", "센터", "병원", "의원", "은행", "대리점",
           "영업소", "창고", "공장", "점포", "호텔", "가게", "본원", "응급실", "어린이집"),
    "th": ("สาขา", "ร้าน", "บริษัท", "สำนักงาน", "ห้าง", "โรงพยาบาล", "คลินิก", "ธนาคาร", "ศูนย์", "โรงแรม",
           "ออฟฟิศ", "ที่ทำการ", "ไปรษณีย์", "โกดัง", "คลังสินค้า"),
    "ar": ("فرع", "متجر", "مكتب", "شركة", "معرض", "مستشفى", "عيادة", "مركز", "محل", "بنك", "فندق", "مقر"),
    "el": ("κατάστημα", "καταστήματ", "γραφεί", "υποκατάστημα", "εταιρεία", "κλινική", "νοσοκομείο", "κέντρο",
           "ξενοδοχείο", "τράπεζα", "έδρα"),
    "hi": ("दुकान", "शाखा", "कार्यालय", "दफ्तर", "स्टोर", "अस्पताल", "क्लिनिक", "केंद्र", "कंपनी", "बैंक", "होटल"),
}
STATION_MARKS: Table = {"ja": ("駅",), "zh": ("车站", "車站", "站"), "ko": ("역",), "th": ("สถานี",)}
# The writer's or the reader's home in those languages: after a business mark, the address is theirs again
# ("店では受け取れないので、自宅：…", "不要寄到门店，寄到我家：…")
HOME_MARKS: Table = {
    "ja": ("自宅", "ご自宅", "実家", "私の", "僕の", "うち", "お客様の", "新居", "引越し先", "引っ越し先"),
    "zh": ("我家", "我的", "家里", "家裡", "住在", "住址", "您的", "新家"),
    "ko": ("우리 집", "저희 집", "집", "자택", "고객님"),
    "th": ("บ้าน", "ของฉัน", "ของผม", "ลูกค้า"),
    "ar": ("منزلي", "بيتي", "عنواني", "العنوان", "سكني", "توصيل"),
    "el": ("μου", "σπίτι", "διεύθυνσ"),
    "hi": ("मेरा", "मेरे", "मेरी", "घर", "पते", "पता"),
}

# A warning about a fraud: the number in it is the scammer's, quoted so that others do not call it
SCAM_WORDS: Table = {
    "en": ("scam", "scammer", "scammers", "scams", "fake", "phishing", "fraud", "fraudulent", "fraudster",
           "fraudsters", "smishing", "vishing", "don't call", "do not call", "dont call", "don't ring", "spoof",
           "spoofed", "impersonating", "don't click", "dont click", "do not click", "never click", "suspicious link",
           "dodgy link", "claiming to be", "claims to be", "claimed to be", "pretending to be", "posing as",
           "is this real", "is that real", "is it real", "is this legit", "is this you", "impersonation", "impersonator", "is not ours", "dodgy",
           "isn't ours", "not ours", "thanks for flagging", "thank you for flagging",
           # (a seller a brand warns of: "… giving the number 07452 … is not an authorised reseller")
           "not an authorised reseller", "not an authorized reseller", "not an official reseller",
           # (a number the organisation reported: "We have reported 70163 38219 to the telecom authority")
           "to the telecom authority", "cyber crime", "cybercrime", "chakshu",
           "unauthorised reseller", "unauthorized reseller", "don't send the seller money",
           # (a firm asked about: "Does anyone know if Gutter Pros Midlands are legit?")
           "are they legit", "are legit", "is it legit", "isn't theirs", "is not theirs", "not theirs"),
    # Swahili: theft, a con man ("ni wizi sio?"), "not ours"
    "sw": ("wizi", "tapeli", "matapeli", "utapeli", "si yetu", "sio yetu", "ulaghai"),
    # Tagalog: "is it legit?", "is it true?", "is it a scam?" ("sino po si 'TelKo-Promo' sa 0917 …? legit ba …")
    "tl": ("legit ba", "totoo ba", "scam ba", "modus ba", "modus"),
    # Vietnamese: a warning, fraud, fake, "calling themselves" staff ("tự xưng nhân viên VietPay")
    "vi": ("cảnh báo", "lừa đảo", "giả mạo", "tự xưng", "mạo danh", "có phải của", "trúng thưởng"),
    # Indonesian, Hungarian, Romanian, Greek: the same warnings ("ngaku CS", "tolong diblokir", "csaló", "țeapă")
    # (not "diblokir" alone: "akun saya diblokir" is a customer's own account, blocked)
    "id": ("penipu", "penipuan", "ngaku", "mengaku", "tolong diblokir", "tolong blokir", "blokir nomor", "blokir aja",
           "blokir saja", "jangan angkat", "jangan klik", "hoaks", "bukan dari kami", "bukan nomor kami"),
    "hu": ("csaló", "csalók", "csalás", "átverés", "hamis", "ne hívja vissza", "adathalász"),
    "ro": ("țeapă", "teapa", "înșelătorie", "inselatorie", "escroc", "escroci", "fals", "nu sunați", "fraudă",
           "nu este de la noi", "nu e de la noi", "nu apăsați"),
    "el": ("απάτη", "απάτης", "απατεώνας", "απατεώνες", "ψεύτικο", "μην καλέσετε", "μην πατήσετε",
           "δεν είναι δικό μας", "δεν είναι δικός μας"),
    "de": ("betrug", "betrüger", "betrugsmasche", "phishing", "fake", "gefälscht", "gefälschte", "nicht anrufen",
           "nicht zurückrufen", "abzocke", "masche", "nicht klicken", "nicht anklicken", "gibt sich als", "geben sich als",
           "gab sich als", "angeblich", "gehört nicht zu uns", "gehören nicht zu uns", "nicht von uns",
           "sind sie das", "seid ihr das", "ist das von euch", "ist das von ihnen"),
    "fr": ("arnaque", "arnaqueur", "arnaqueurs", "escroquerie", "escroc", "escrocs", "fraude", "frauduleux",
           "hameçonnage", "phishing", "faux", "ne rappelez pas", "ne rappelez jamais", "n'appelez pas", "ne cliquez pas", "ne cliquez jamais",
           "se faisant passer", "se fait passer", "prétendant être", "n'est pas un numéro de notre",
           "n'est pas notre numéro", "n'est pas le nôtre"),
    "es": ("estafa", "estafador", "estafadores", "fraude", "timo", "falso", "falsa", "phishing", "no llames",
           "no llaméis", "no devuelvas la llamada", "suplantación", "no hagas clic", "no pinches", "diciendo que era",
           "diciendo que eran", "haciéndose pasar", "se hacen pasar", "se hizo pasar"),
    "it": ("truffa", "truffatore", "truffatori", "frode", "falso", "falsa", "phishing", "non chiamiamo mai",
           "non è nostro", "non sono nostri", "non chiamate",
           "non richiamate", "non chiamare", "non richiamare", "non cliccate", "non cliccare", "fingendosi",
           "spacciandosi"),
    "pt": ("golpe", "golpista", "golpistas", "fraude", "burla", "falso", "falsa", "phishing", "não ligue",
           "não liguem", "não clique", "não cliquem",
           "se passando por", "fingindo ser"),
    "nl": ("oplichting", "oplichter", "oplichters", "fraude", "nep", "phishing", "niet bellen", "bel niet terug",
           "niet van ons", "komen niet van ons", "komt niet van ons",
           "niet terugbellen", "niet klikken", "klik niet", "deed zich voor als", "doen zich voor als",
           "zijn jullie dat", "is dit van jullie", "is dat van jullie", "echt van jullie"),
    "pl": ("oszustwo", "oszust", "oszuści", "oszustów", "wyłudzenie", "fałszywy", "fałszywe", "phishing",
           "nie dzwoń", "nie oddzwaniaj", "nie oddzwaniajcie", "nie klikaj", "nie klikajcie", "podszywa", "podszywając",
           "podszywali", "nie należy do banku", "nie należy do nas", "nie jest naszym numerem",
           "podając się za", "podawał się za", "podawała się za", "nie dajcie się nabrać"),
    "sv": ("bedrägeri", "bedragare", "bluff", "bluffsamtal", "falsk", "falska", "nätfiske", "ring inte",
           "svindel", "klicka inte", "utger sig", "utgav sig", "är inte vårt", "är inte vår", "inte vårt nummer",
           "polisanmäl"),
    "da": ("svindel", "svindler", "svindlere", "bedrageri", "falsk", "falske", "phishing", "ring ikke", "klik ikke", "tryk ikke", "udgiver sig"),
    "no": ("svindel", "svindler", "svindlere", "bedrageri", "falsk", "falske", "phishing", "ikke ring", "ikke klikk", "ikke trykk", "utgir seg",
           "er ikke vårt", "er ikke vår", "ikke vårt nummer", "er det ekte", "fra nummeret"),
    "fi": ("huijaus", "huijari", "huijarit", "huijausviesti", "petos", "väärennetty", "tietojenkalastelu",
           "älä soita", "älä klikkaa", "älä avaa"),
    # (and asked whether it is the organisation: "… sizden mi?", is it from you?)
    "tr": ("dolandırıcı", "dolandırıcılar", "dolandırıcılık", "sahte", "oltalama", "aramayın", "geri aramayın",
           "tıklamayın", "tiklamayin", "sizden mi", "siz misiniz", "sizin mi", "bize ait değildir", "bize ait değil",
           "bize ait degil", "bizim numaramız değil", "diye aradılar", "diye aradı", "diye arayan",
           "şifremi istediler", "şifremi istedi", "şifre istediler"),
    "cs": ("podvod", "podvodník", "podvodníci", "podvodná", "falešný", "falešná", "phishing", "neklikejte", "nevolejte"),
    # Russian, Ukrainian, Hebrew: fraud, fraudsters, "not our number", "not from us", "don't click"
    "ru": ("мошенник", "мошенники", "мошенниками", "мошенников", "мошенничество", "не наш номер", "не звоните",
           "не перезванивайте", "не переходите", "фишинг"),
    "uk": ("шахрайство", "шахрай", "шахраї", "шахраями", "шахраїв", "не наш номер", "не телефонуйте",
           "не передзвонюйте", "не переходьте", "фішинг"),
    "he": ("הונאה", "נוכל", "נוכלים", "התחזות", "מתחזים", "אינה מאיתנו", "אינו מאיתנו", "לא מאיתנו", "אל תלחצו",
           "אל תלחצי", "אל תלחץ", "פישינג"),
    # Chinese, Japanese, Thai (found inside runs of letters): fraud, impostors, "nothing to do with us", "not ours"
    "zh": ("诈骗", "詐騙", "骗子", "騙子", "冒充", "假冒", "钓鱼", "釣魚", "与本公司无关", "與本公司無關", "不是我们的",
           "不是我們的", "是你们的电话吗", "是你們的電話嗎", "是你们的吗", "是你們的嗎", "是你们吗", "是不是你们"),
    "ja": ("詐欺", "なりすまし", "当社とは無関係", "弊社とは無関係", "本物"),
    "th": ("มิจฉาชีพ", "หลอกลวง", "แอบอ้าง", "ไม่ใช่ของเรา", "ไม่ใช่เบอร์ของเรา", "มีคนโทรจาก", "ใช่ของ"),
    # Korean and Arabic: voice phishing, phishing, fraud ("보이스피싱 맞죠?", "احتيال؟")
    # (with the ending glued on: "스미싱이죠?", "사기인가요?")
    "ko": ("보이스피싱", "피싱", "스미싱", "사기", "스미싱이죠", "스미싱인가요", "스미싱이에요", "스미싱 맞죠", "피싱이죠",
           "피싱인가요", "사기인가요", "사기죠", "보이스피싱이죠", "보이스피싱인가요", "수상해서요", "수상한", "맞나요"),
    "ar": ("احتيال", "نصب", "محتال", "مزيف", "مزيفة", "لا يتبع لشركتنا", "لا يتبع لنا", "ليس رقمنا", "هل هذا منكم",
           "هل هو منكم", "هل هذا رقمكم"),
    "ur": ("ہمارا نہیں", "ہمارا نہیں ہے", "فراڈ"),
    # (and in Devanagari: fraud, beware, "is not our number", "a call came from")
    "hi": ("aapka number hai kya", "ye aapka number", "kya ye aapka", "फ्रॉड", "धोखाधड़ी", "ठगी", "सावधान",
           "हमारा नंबर नहीं", "हमारा नहीं", "से कॉल आया"),
}
# An organisation speaking of itself ("our consultants … on", "notre standard", "unsere Beraterinnen"): the
# first-person plural possessives
OUR_WORDS: Table = {
    "en": ("our",), "de": ("unser", "unsere", "unserer", "unseren", "unserem"), "fr": ("notre", "nos"),
    "es": ("nuestro", "nuestra", "nuestros", "nuestras"), "it": ("nostro", "nostra", "nostri", "nostre"),
    "pt": ("nosso", "nossa", "nossos", "nossas"), "nl": ("ons", "onze"),
    "pl": ("nasz", "nasza", "naszą", "nasze", "naszego", "naszej", "naszym", "naszych", "nasi"), "sv": ("vår", "vårt", "våra"),
    "da": ("vores",), "no": ("vår", "vårt", "våre"), "fi": ("meidän",), "tr": ("bizim",),
    "cs": ("náš", "naše", "naší", "našeho", "našem"),
    # (Hindi, romanised and in Devanagari; Tamil's romanised "enga"; Urdu, Bengali, Korean's "this company" and "we")
    "hi": ("hamara", "hamare", "hamari", "हमारा", "हमारे", "हमारी"), "ta": ("enga", "engal", "எங்கள்"),
    "ur": ("ہمارا", "ہماری", "ہمارے"), "bn": ("আমাদের",), "ko": ("당사", "저희"),
}
# The people and units an organisation names after "our" when it speaks of itself ("our director will call you",
# "unser Team", "notre équipe"): with OUR_WORDS and BUSINESS_PLACE_WORDS, the voice of an organisation
STAFF_WORDS: Table = {
    "en": ("team", "staff", "director", "directors", "manager", "managers", "agent", "agents", "adviser", "advisers",
           "advisor", "advisors", "consultant", "consultants", "doctor", "doctors", "vets", "nurse", "nurses",
           "driver", "drivers", "technician", "technicians", "engineer", "engineers", "receptionist",
           "receptionists", "colleagues", "department", "surgery", "practice", "company", "firm", "business"),
    "de": ("team", "mitarbeiter", "mitarbeiterinnen", "kollegen", "kolleginnen", "berater", "beraterinnen",
           "ärzte", "praxis", "firma", "abteilung"),
    "fr": ("équipe", "equipe", "conseillers", "conseillères", "collègues", "médecins", "vétérinaires",
           "techniciens", "société", "entreprise"),
    "es": ("equipo", "asesores", "compañeros", "médicos", "veterinarios", "técnicos", "empresa"),
    "it": ("team", "squadra", "consulenti", "colleghi", "medici", "veterinari", "tecnici", "azienda"),
    "pt": ("equipe", "equipa", "consultores", "colegas", "médicos", "veterinários", "técnicos", "empresa"),
    "nl": ("team", "medewerkers", "collega's", "adviseurs", "artsen", "dierenartsen", "monteurs", "bedrijf"),
    "pl": ("zespół", "konsultanci", "lekarze", "technicy", "firma"),
    "sv": ("team", "personal", "kollegor", "handläggare", "läkare", "tekniker", "företag"),
    "da": ("team", "personale", "kolleger", "rådgivere", "læger", "dyrlæger", "teknikere", "firma"),
    "no": ("team", "ansatte", "kolleger", "rådgivere", "leger", "teknikere", "firma"),
}
