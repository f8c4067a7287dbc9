"""Sensitive data in text: find it, mask it, and say why.

Pure (no I/O). Build one `Detector` from the admin's settings and reuse it: every regular
expression is compiled once. `find(text)` returns `Finding`s (kind, span, confidence, label and the
rule that fired, a key of RULES); `explain(text)` adds the contact details left alone as public, with
the "allow.*" rule that decided it; `mask(text)` replaces each finding so that at most a short tail
survives (`•••• 1111`). docs/privacy.md describes the rules and their measured precision and recall.

What counts, by kind:
  card           Luhn-valid 13–19 digits in a known issuer range and length (Visa, Mastercard, Amex,
                 Discover, JCB, Diners, UnionPay, Maestro, Mir, RuPay), written with spaces, dashes,
                 dots or line breaks between groups, or split by a few words after a card word; and any
                 other whole Luhn-valid 13–19-digit number starting with 2–6 (lower confidence) unless
                 it is named as an IMEI, serial or tracking number.
  iban           python-stdnum IBAN validation (country format and mod-97), any case, any grouping.
  bank_account   US routing number (ABA checksum) or UK sort code or AU BSB after its name, and
                 account numbers introduced in words ("acct no is …", "account # …").
  national_id    US SSN and ITIN, UK NINO, Canadian SIN, German Steuer-ID, French NIR, Spanish DNI/NIE,
                 Italian codice fiscale, Dutch BSN, Indian Aadhaar and PAN, Brazilian CPF, PESEL, personnummer,
                 CPR, fødselsnummer, HETU, TC Kimlik, TFN, Belgian, Portuguese, Austrian, Swiss, Irish, NHS and
                 South African ids: by format and checksum (python-stdnum) when distinctive or with the id's
                 name nearby (privacy_cues.ID_NAMES), and by format alone when named right before or after
                 ("ssn 987-65-4329", "nino QQ 12 34 56 C"); UK driving licences by format and inner date;
                 passport, licence and identity-card numbers after their name in 13 languages.
  email          plain, spaced and obfuscated ("name at gmail dot com", "name [at] domain [dot] com").
  phone          phonenumbers' matcher (valid numbers for the default region, international numbers
                 anywhere, any separator: 312.555.0178, (312)555-0178), any "+<country code>" number of a
                 plausible length; after a phone word, local numbers and other countries' national formats.
  address        house number + street name + street suffix (English, German, French, Spanish and
                 Portuguese forms), with units before or after ("apt 12c, 301 e 79th st, nyc"), PO boxes,
                 city / state / ZIP / UK postcode; a postcode or numbered street after an address word.
  date_of_birth  a date in most written forms right after "born", "DOB", "date of birth", "birthday is" …
  secret         a password before or after its word ("pw was sunflower88", "sunflower88 is my password",
                 "the wifi password is purplemonkeydishwasher": made-up, or not an English word per
                 wordfreq), a user name beside its password, PIN, one-time and verification codes, CVV.
  custom         the admin's own named regular expressions (order or account numbers …).

The words that name a value in other languages (German, French, Spanish, Italian, Portuguese, Dutch, Polish,
Swedish, Danish, Norwegian, Finnish, Turkish) are data in privacy_cues, one table per kind; their patterns are
tried only on texts holding one of their words. Values broken over lines are read with the breaks as spaces
(".across_lines"); an organisation's own IBAN or account (a legal form, "our account", a charity in its
sentence), company ids, reference numbers in any of those languages, masked values and placeholders are no
findings.

Every kind is also found with its digits written in words ("four one one one …", "oh seven seven double
five …"): the rules run again on a copy read by spoken_numbers, and the finding's rule ends in ".in_words".
A card, IBAN, SSN, account or phone number given in pieces after its name ("starts 987-65 … the rest is
4320") is checked whole ("*.split_value"); labelled parts that make no valid whole still count ("*.split_part").
Codes read out digit by digit or referred back to a code word, user/password pairs with a slash, quoted
values tried at a login, a value an agent confirms as the customer's ("we've updated your mobile number to
…") or one a found value was changed to, and other countries' national phone numbers count too.

What does not count: numbers inside URLs (except card numbers; and wa.me links are phones), numbers
glued to letters (flight numbers, versions, models), prices, timestamps and dates without a birth
word, phone-shaped numbers right after "order", "ticket", "invoice" …; and public contact details
(unless labelled as the writer's own: "my email is …", "call me on …", "ship it to …"): the brand's
allow-list (phones, e-mail addresses and domains, addresses, links), role mailboxes of any organisation
(support@, no-reply@ …), a sender the writer asks about, toll-free / premium-rate / shared-cost numbers,
numbers and addresses named as a business's ("your store at …", "our head office, …") or said to be an
organisation's ("… isn't ours"), and PO boxes. A value written as a card, IBAN or national id counts even
when its check digits are wrong.
"""
from __future__ import annotations

import datetime
import difflib
import functools
import importlib
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import phonenumbers
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from mnemonic import Mnemonic
from phonenumbers import Leniency, PhoneNumberMatcher
from stdnum import exceptions as stdnum_exceptions
from stdnum import iban as stdnum_iban
from stdnum import luhn, numdb
from stdnum.ad import nrt as ad_nrt
from stdnum.al import nipt as al_nipt
from stdnum.ar import cbu as ar_cbu
from stdnum.ar import cuit as ar_cuit
from stdnum.ar import dni as ar_dni
from stdnum.at import vnr
from stdnum.au import tfn
from stdnum.be import bis as be_bis
from stdnum.be import eid as be_eid
from stdnum.be import nn
from stdnum.bg import egn
from stdnum.bg import pnf as bg_pnf
from stdnum.br import cpf
from stdnum.ca import bc_phn, sin
from stdnum.ch import ssn as ch_ssn
from stdnum.cl import rut as cl_rut
from stdnum.cn import ric as cn_ric
from stdnum.co import nit as co_nit
from stdnum.cr import cpf as cr_cpf
from stdnum.cr import cr as cr_cr
from stdnum.cu import ni as cu_ni
from stdnum.cz import bankaccount as cz_bankaccount
from stdnum.cz import rc as cz_rc
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.do import cedula as do_cedula
from stdnum.ec import ci as ec_ci
from stdnum.ec import ruc as ec_ruc
from stdnum.ee import ik as ee_ik
from stdnum.es import ccc as es_ccc
from stdnum.es import dni, nie
from stdnum.fi import hetu, veronumero
from stdnum.fr import nif as fr_nif
from stdnum.fr import nir
from stdnum.gb import nhs
from stdnum.gb import utr as gb_utr
from stdnum.gr import amka
from stdnum.gr import vat as gr_vat
from stdnum.gt import nit as gt_nit
from stdnum.hr import oib
from stdnum.id import nik as id_nik
from stdnum.id import npwp as id_npwp
from stdnum.ie import pps
from stdnum.il import idnr as il_idnr
from stdnum.in_ import aadhaar, epic, pan
from stdnum.is_ import kennitala
from stdnum.it import codicefiscale
from stdnum.jp import in_ as jp_in
from stdnum.ke import pin as ke_pin
from stdnum.kr import rrn as kr_rrn
from stdnum.lt import asmens
from stdnum.lv import pvn as lv_pvn
from stdnum.md import idno as md_idno
from stdnum.mu import nid as mu_nid
from stdnum.mx import curp
from stdnum.my import nric as my_nric
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.nz import ird
from stdnum.pe import cui as pe_cui
from stdnum.pe import ruc as pe_ruc
from stdnum.pk import cnic as pk_cnic
from stdnum.pl import nip as pl_nip
from stdnum.pl import pesel
from stdnum.pt import cc as pt_cc
from stdnum.pt import nif as pt_nif
from stdnum.py import ruc as py_ruc
from stdnum.ro import cnp
from stdnum.ru import inn as ru_inn
from stdnum.se import personnummer
from stdnum.si import emso
from stdnum.sv import nit as sv_nit
from stdnum.th import pin as th_pin
from stdnum.tr import tckimlik
from stdnum.ua import rntrc
from stdnum.us import itin, rtn, ssn
from stdnum.ve import rif as ve_rif
from stdnum.vn import mst as vn_mst
from stdnum.za import idnr as za_idnr
from stdnum.za import tin as za_tin

from bridge.errors import ConfigError
from bridge.pipeline import privacy_cues as cues
from bridge.pipeline import spoken_numbers
from bridge.schemas import describe

# phonenumbers matches its metadata's regular expressions (thousands of them) through re.compile, whose cache keeps
# 512: a text with a few numbers goes through more, and they are compiled again and again. Its own cache keeps
# them all (the patterns of the metadata, not of any text or number): a few per cent of the detector's time.
if hasattr(phonenumbers, "enable_pattern_cache"):
    phonenumbers.enable_pattern_cache()

KINDS = ("card", "iban", "bank_account", "national_id", "email", "phone", "address", "date_of_birth",
         "secret", "custom")
# When two findings overlap, the earlier kind here wins (a validated IBAN over digits inside it …).
_PRIORITY = {kind: rank for rank, kind in enumerate(
    ("iban", "card", "national_id", "bank_account", "secret", "custom", "email", "phone", "date_of_birth",
     "address"))}
BULLET = "•"
# Every rule that can fire, in words: Finding.rule is one of these keys. "allow.*" rules are the decisions
# that leave a contact detail alone as public (Detector.explain shows them beside the findings).
RULES: dict[str, str] = {
    "iban.mod97": "IBAN: country format and mod-97 check digits (python-stdnum)",
    "card.range_luhn": "card: a card network's issuer range and length, Luhn check digit",
    "card.luhn_industry": "card: 13-19 digits starting 2-6 with a valid Luhn check digit",
    "card.split_after_card_word": "card: digit groups split by a few words after a card word, Luhn-valid together",
    "card.format": "card: written as a card (a network's range and length, grouped or after a card word), "
                   "Luhn digit wrong",
    "secret.code_said_loosely": "secret: a code named, then its digits one by one, a word or two after its 'is', as "
                                "'the old one was …', or right after a compound ending in its word",
    "secret.password_set_off": "secret: a made-up value set off by a comma, colon or bracket later in a password "
                               "word's sentence, or before 'is the password' in its language",
    "card.named": "card: 4-4-4-4 digits right after a card word: a national or fuel card's Luhn-valid number "
                  "(starting 9 or 7), or any after 'card number', Luhn digit wrong",
    "iban.country_format": "IBAN: the country's length and format (python-stdnum), check digits wrong",
    "iban.named_spaced": "IBAN: named, then written or read out in pieces ('IBAN: G B 29 N W B K 6016 …', 'DE 8937 …'); "
                         "the country's format, check digits right or wrong",
    "card.in_link": "card: a Luhn-valid card number inside a link",
    "id.named": "national id: right after or before its name (ssn, nino …), checksum valid",
    "secret.corrected_twin": "secret: a password's corrected spelling near it, a few characters apart",
    "allow.line_called": "public: a line the writer called or rang, not a mobile, in no greeting to a person",
    "id.kenyan_after_id": "national id: seven or eight digits after 'ID' (or its number) in a Kenyan text (Nairobi, "
                          "M-Pesa …); no public check",
    "id.named_further_back": "national id: its name sentences before, nothing between naming another number, "
                             "checksum valid",
    "id.named_later": "national id: checksum valid, its name sentences later after \"it's my\", \"that's the\" …",
    "id.named_in_pieces": "national id: right after its name, given in pieces its shape does not read (letters read out "
                          "one by one, 'NIE X 1234567 L', 'codice fiscale RSS MRA 80A01 H501U'), whole in its format",
    "id.named_format": "national id: right after or before its name, in its format; checksum not valid "
                       "(still sensitive)",
    "id.near_name_checksum": "national id: its name nearby and a valid checksum (python-stdnum)",
    "id.format_checksum": "national id: a format distinctive enough on its own and a valid checksum (python-stdnum)",
    "id.document_after_name": "passport or driving licence number after its name",
    "id.document_named_earlier": "passport or driving licence number given further on, after its name was asked for",
    "bank.routing_aba": "bank: US routing number after its name, ABA checksum (python-stdnum)",
    "bank.branch_code": "bank: sort code, BSB, BLZ or Brazilian agência after its name",
    "bank.account_with_bank_word": "bank: account number after an account word, a bank named in the text",
    "bank.account_then_bank_code": "bank: 8-12 digits given with a branch, sort or routing code after them in the "
                                   "sentence",
    "bank.account_number_named": "bank: number introduced as an account number (acct no, account #), up to 20 digits",
    "card.digits_after": "card: short groups written on right after a card's number (its security code or expiry, "
                         "or the rest of a longer number that began like a card): masked whole",
    "secret.code_after_card": "secret: three or four digits right after a card's number and a slash (its security "
                              "code: '4111-…-1111/123'; not an expiry date)",
    "secret.quoted_after_cue": "secret: quoted value after a password word",
    "secret.its_the_value": "secret: a made-up value said to be \"it\" after a log-in failing or a password named",
    "secret.after_cue_colon": "secret: value after a password word and ':' or '='",
    "secret.after_cue_is": "secret: made-up value (digits, symbols, inner capitals) after 'password is/was'",
    "id.sole_proprietor_ein": "national id: a sole proprietor's EIN (a business's number, but the person's own)",
    "secret.after_login_line": "secret: a made-up value alone on the line after a login's name ('usuario: …')",
    "secret.set_off_after_name": "secret: a value with digits set off by commas, or 'it's now' …, after a password, "
                                 "PIN, code or Wi-Fi key named earlier in its sentence ('the digicode you gave us, "
                                 "B4719, is noted')",
    "secret.password_shaped_near_its_word": "secret: a value shaped as people make passwords (a word and digits, "
                                            "mixed case and symbols) near a password's, a Wi-Fi key's or a temporary "
                                            "login's word ('typed it like 9 times, Bluejay!1987, … wrong password')",
    "secret.digits_near_a_code_word": "secret: four to eight digits on their own near a PIN's, a PUK's, a token's, an "
                                      "alarm's or a key safe's word ('pin na 5520', '7734 opens it'), not an amount, a "
                                      "time, a year, a quantity or a reference; or a prepaid meter's twenty-digit token",
    "secret.puk_digits": "secret: eight digits, a PUK's length, within a few sentences after a PUK named ('il "
                         "demande le PUK. Celui que vous m'avez envoyé, 39471026, ne marche pas')",
    "secret.labelled_value": "secret: a value with digits after a password, PIN or code named, 'is' (in its "
                             "language) or ':' ('the Wi-Fi key on your new hub is 7KFP-9XQ2-MW4R')",
    "secret.uncommon_word_after_cue": "secret: not an ordinary English word (wordfreq), after 'password is', "
                                      "ending the clause",
    "secret.after_cue": "secret: made-up value right after a password word (pw Summer2024!)",
    "secret.before_cue": "secret: value before 'is my password'",
    "secret.code_for_minutes": "secret: digits given with the minutes they last ('583204, good for 10 mins')",
    "secret.known_token_format": "secret: an access key or token in a known format (AWS, GitHub, Stripe, Slack, "
                                 "Google, JWT, private key)",
    "secret.after_key_word": "secret: value after a key, token, recovery code or security answer word",
    "secret.code_after_expiry": "secret: three or four digits after a card's expiry date (its security code)",
    "secret.passphrase": "secret: several words after 'passphrase is', or quoted before 'as a passphrase'",
    "id.format_distinctive": "national id: a format no other number is written in (a French NIR in its groups)",
    "secret.login_attempt": "secret: made-up value someone logged in or tried with ('provo con …', 'probé con …')",
    "secret.code_after_word": "secret: a code's digits after its word in any language, owned ('mein Code 4719'), read "
                              "out or in two threes ('codice 1 9 0 7', 'kod 582 914'), or in brackets later in the "
                              "clause ('the lock code they gave us (0517)')",
    "secret.wifi_qr": "secret: the key of a Wi-Fi QR string (WIFI:…;P:…;;)",
    "secret.typed_lines": "secret: a user name and a made-up value on the two lines after 'what I'm typing:'",
    "secret.answer_quoted": "secret: a quoted value right after 'answer' (made up, or with a security question near)",
    "secret.seed_words_listed": "secret: four or more recovery-phrase words listed after the phrase's name",
    "secret.username_pair": "secret: user name and password written as a pair (login is bob/Lantern42)",
    "secret.username_before_password": "secret: user name right before a password",
    "secret.slash_pair": "secret: user name / made-up value with a login or password word in the sentence "
                         "('admin / Tr0ub4dor&3 … router login')",
    "secret.quoted_attempt": "secret: quoted made-up or uncommon values someone tried, typed or entered, a login or "
                             "password word in the sentence or the one before",
    "secret.pin": "secret: digits after 'pin'",
    "secret.described": "secret: a password told by how it is written ('… with no spaces', 'the bit before the @ …')",
    "secret.voicemail_pin": "secret: a voicemail's PIN said as 'mine was …' after the word voicemail",
    "secret.login_on_two_lines": "secret: a user name and a password each alone on a line after 'details:' or 'login:'",
    "secret.given_back_later": "secret: a value given back as 'it' or 'one' after its password, PIN or code was named",
    "secret.esim_activation": "secret: an eSIM's activation code (LPA:1$server$code)",
    "secret.here_it_is": "secret: value given after 'here it is' once its password, key or code is named",
    "secret.pin_typed": "secret: digits the writer types after naming their PIN ('my pin, I type 190388')",
    "secret.gift_code": "secret: a gift-card, voucher or redemption code (groups of capitals and digits) with a gift "
                        "or voucher word in its sentence, in any of the languages of privacy_cues.GIFT_WORDS",
    "secret.app_password": "secret: an app password shown as four groups of four letters ('ruxq plmw ztka vneb'), "
                           "three of them not English words (wordfreq)",
    "secret.changed_to": "secret: a password or code changed, reset or set to a value ('I reset it to …', 'auf … "
                         "geändert', 'changed the door code to …'), with its word near or a strong value",
    "secret.opened_by_digits": "secret: digits after what they open with no code word ('back gate: 4471#', 'alarm is "
                               "1357', 'padlock 419'), or keyed in to get in ('enter 2580 on the keypad')",
    "secret.code_before_its_name": "secret: a code given before its name, as the messages that carry one write it "
                                   "('G-882910 is your … verification code', '123456 ist dein Bestätigungscode'), "
                                   "or owned or received in Turkish ('kodunuz 448201', '448120 kodu geldi')",
    "secret.code_by_text": "secret: a one-time code's six digits received by text with no code word ('I just got "
                           "481 229 by SMS', 'they texted me …'), or named 'the six digits'",
    "secret.pickup_named": "secret: what hands over a parcel or an order, named as its number, PIN or code "
                           "('pickup code 883104', 'Abholnummer …', 'numéro de retrait …', '受取番号 …')",
    "secret.typed_value": "secret: a made-up value typed, entered or logged in with, in a sentence that says it "
                          "fails or gets the writer in ('I'm entering … and it won't accept it', 'je tape … et ça ne "
                          "marche pas')",
    "secret.mailbox_then_password": "secret: a made-up value right after a mailbox, with a log-in word near "
                                    "('login is …@gmail.com : Garcia2023', '…@corp.com:Winter2024!')",
    "secret.answer_by_topic": "secret: the answer to a security question labelled by its topic ('first pet: …', "
                              "'favourite team (security q): …'), or said to be one ('…, that's my security answer')",
    "secret.meter_token": "secret: a prepaid electricity token (twenty digits in groups of four) after 'token'",
    "secret.buzzer_code": "secret: a buzzer's or intercom's code of letters, digits and '*' after its name",
    "secret.login_with": "secret: a login and its made-up password joined by 'with' ('login mike_p with …')",
    "secret.pin_then_my": "secret: a PIN followed by 'my' in the writer's language ('PIN ATM saya 130594')",
    "secret.given_away": "secret: a PIN or password asked for, then given ('asked for her PIN … gave it: 6092')",
    "secret.seed_phrase": "secret: a wallet's seed or recovery phrase of 12 to 24 plain words after its name",
    "secret.used_as": "secret: a made-up value given as what to use as a password or PIN ('use … as a one-off "
                      "password')",
    "secret.code_past_a_place": "secret: a door, alarm or key-safe code named before a place and given after it",
    "secret.security_answer": "secret: the answer to a security question ('maiden name … the answer is …'), "
                              "in any of the languages of privacy_cues.SECURITY_QUESTION_WORDS",
    "secret.bip39_phrase": "secret: twelve to twenty-four words of the BIP-39 list in a row, a wallet's recovery phrase",
    "secret.answered_in_chat": "secret: a password, PIN or code asked for on a line of a pasted chat and given alone on "
                               "the next ('agent: what password are you using?' / 'me: Tulip!Harbour88')",
    "secret.words_password": "secret: a password of ordinary words named by what it is for ('the collection "
                             "password is bluebell tractor', 'safe word: pineapple')",
    "secret.recovery_codes": "secret: recovery or backup codes listed after their word ('recovery codes: 8821-4430, "
                             "1907-5563'), in several languages",
    "secret.token_shape": "secret: an access key or token by its shape (a vendor prefix, then 16+ letters and digits "
                          "mixing cases, random by Shannon entropy), with a key or token word in the text",
    "secret.card_code": "secret: digits after a card security code word (cvv, cvc …)",
    "secret.one_time_code": "secret: digits after a one-time or verification code word",
    "secret.code_received": "secret: a code the writer received or entered",
    "secret.code_read_out": "secret: 4-8 digits read out one by one ('6 4 9 9 1 2', '1-9-7-3') with a code, PIN or "
                            "verification word in the same or the previous sentence",
    "secret.bitlocker_key": "secret: a BitLocker recovery key by its shape (eight groups of six digits)",
    "secret.other_scripts": "secret: a password, PIN, verification, recovery or pick-up code named in Cyrillic, "
                            "Hebrew, Thai, Korean, Chinese or Japanese, and its value a few characters after ('код "
                            "подтверждения: 4419', '验证码为 582913')",
    "secret.user_then_temp": "secret: a user name labelled, then a temporary password labelled 'Temp:' ('User: "
                             "jdoe / Temp: Winter#8823')",
    "secret.in_link": "secret: a token or password in a link's query ('reset?token=9f3a1c77e20b4d8a')",
    "secret.code_in_groups": "secret: a code in three pairs or two threes ('82 71 09', '447 219') after a code, PIN "
                             "or verification word in the same or the previous sentence",
    "secret.code_of_letters_referred": "secret: a made-up code of letters and digits referred back to a code or key "
                                       "word ('… check code. it's x7kHp2mQ'), or in groups of four ('Code: "
                                       "K7TQ-4M2X-9PZR-WH83')",
    "secret.voucher_digits": "secret: a voucher's, scratch card's or top-up's number in groups of digits right after its "
                             "word ('top-up voucher: 4418 2290 1736 5521')",
    "secret.words_and_number_after_cue": "secret: a few words and a number after 'password is' ('the password is "
                                         "blue heron 1952'), none a small word, a state or a unit",
    "secret.lock_code": "secret: a code's digits in a sentence naming a key safe, lockbox, smart lock, barrier or gate "
                        "('The lockbox is by the porch, code 1958')",
    "secret.code_referred_back": "secret: 4-8 digits referred back to a code or PIN named in the same or the previous "
                                 "sentence ('… PIN. The new one is 905512', '… alarm code, it's 1973')",
    "secret.code_answered_next_line": "secret: a code given on the line after one asking for it ('… le code de la "
                                      "porte ?')",
    "secret.porting_code": "secret: a mobile number's porting code (PAC, STAC, Wechselcode, overstapcode …) after its name",
    "secret.transfer_code": "secret: a domain's transfer code (EPP, auth-info, 'code de transfert') after its name, "
                            "a made-up value, with a domain or registrar word in the text",
    "secret.random_run_by_key_word": "secret: a random run of 24+ letters and digits (Shannon entropy) later in the "
                                     "sentence of a key, token or secret word",
    "secret.config_value": "secret: a quoted value of a configuration's or log's key naming a secret, token, password "
                           "or API key ('\"api_secret\":\"shpss_41bf…\"')",
    "secret.link_credentials": "secret: a password in a link's user part ('mysql://user:…@host')",
    "secret.latin_password_in_scripts": "secret: a made-up value in Latin letters and digits told after a password "
                                        "word in Japanese, Chinese, Korean, Hebrew, Thai or Russian, in its sentence "
                                        "or the next ('パスワード… 前に設定したのは sakura0420mk です')",
    "secret.tried_unquoted": "secret: a strong value (three kinds of character) tried at a login, unquoted ('locked "
                             "out … tried Summer2025! and …')",
    "secret.card_code_by_place": "secret: a card's security code named by where it is printed or by its length, with "
                                 "a card number in the text ('3 digit code on the back is 118', 'Prüfziffer 905', "
                                 "'código de atrás 772')",
    "dob.before_birth_word": "date of birth: a date right before 'is my dob', 'as your birth date' …",
    "bank.account_number_before": "bank: number right before 'is my account', '(my checking account)'",
    "bank.account_beside_bank_name": "bank: number of 8-12 digits right beside a bank's one-word name ('… GTBank', 'Rabobank …')",
    "dob.corrected": "date of birth: the date a birth date should be, further on in its sentence ('my date of "
                     "birth is wrong …, it should be 09/12/1986')",
    "dob.turned_on": "date of birth: the day someone turned an age ('turned 30 on 12 June 2024')",
    "dob.after_birth_word": "date of birth: a date after a birth word (dob, born, birthday …)",
    "dob.birth_sign": "date of birth: a date after the birth sign '*' beside a death's '†' or in brackets "
                      "('Heinrich Lang, * 12.04.1938, † …', '(* 3. Mai 1950)')",
    "dob.answered_next_line": "date of birth: a date on the line after one asking for it ('date of birth?')",
    "dob.later_in_text": "date of birth: a whole date with a past year further on in a birth word's sentence or the "
                         "next ('my date of birth doesn't match. it's Aug 14 1969')",
    "address.street": "address: house number, street name and street suffix",
    "address.street_with_unit": "address: street address with a unit (apt, unit, #) or a postcode",
    "address.street_cyrillic": "address: a street word, name, house and flat in Cyrillic ('ул. Лесная, д. 5, кв. 12')",
    "address.street_abroad": "address: a street word of another language and a house number (Hauptstraße 12, Via "
                             "Garibaldi 8, ul. Długa 5, Drottninggatan 5, Bağdat Caddesi No: 12), with units and "
                             "postcodes in that country's form",
    "address.po_box": "address: PO box",
    "address.places_postcode": "address: a house number or name, place names apart by commas and a full UK postcode "
                               "or Irish Eircode ('Ty Gwyn, Llanfair Road, Ruthin LL15 1BB')",
    "address.unit_places_postcode": "address: flat, house or plot number (or a bare number after an address word), "
                                    "place names apart by commas, and a postcode (Indian PIN code, ZIP, UK postcode)",
    "address.japan": "address: a Japanese address: prefecture, city or ward, district and chōme-banchi ('2-14-7', "
                     "'2丁目14番7号'), with its building and room",
    "address.china": "address: a Chinese or Taiwanese address: a city or district, a road or street (路, 街, 段, 巷, "
                     "弄) and a house number with 号/號, or such a number with its building, floor or room",
    "address.vietnam": "address: a Vietnamese address: house number (with its alley, '27/4'), street, then ward "
                       "(Phường, Xã) or district (Quận, Huyện) and city",
    "address.korea": "address: a Korean address: district or county (구, 군, 시), a road (로, 길) and building number "
                     "or a neighbourhood (동) and lot number, with the wing and flat (101동 1502호)",
    "address.malaysia": "address: a Malaysian or Singaporean address: a house number, Jalan and its name, a postcode",
    "address.philippines": "address: a Philippine block and lot, with its phase, barangay and town",
    "address.indonesia": "address: an Indonesian or Malaysian address: Jl./Jalan/Gg. and a house number (No.), with "
                         "RT/RW, kelurahan, kecamatan, places and postcode",
    "address.india_unlabelled": "address: an Indian house or flat number, its places and town, and a PIN code",
    "address.india": "address: an Indian address: house, flat, door or plot number ('H.No. 8-2-293/82', 'Flat no. "
                     "302'), places apart by commas and a PIN code, or a locality word (Nagar, Colony, Sector …)",
    "address.thailand": "address: a Thai address: house number, soi or road, sub-district (แขวง, ตำบล), district "
                        "(เขต, อำเภอ) and postcode",
    "address.greece": "address: a Greek address: street (Οδός, Λεωφόρος …), number, floor, postcode and town",
    "address.arabic": "address: an Arabic address: street (شارع, طريق), building and number, flat (شقة), district, "
                      "city or postcode",
    "address.devanagari": "address: an Indian address in Devanagari: flat, plot or house number (फ्लैट, प्लॉट, मकान), "
                          "places apart by commas and a PIN code",
    "address.israel": "address: an Israeli address in Hebrew: a street (after רחוב), its number and a flat or floor "
                      "(דירה, קומה)",
    "address.postcode": "address: postcode after an address word",
    "address.numbered_place": "address: number and place name after an address word",
    "address.colombian": "address: a Colombian street, its cross street and house number (Cra 15 # 93-47)",
    "address.rural_route": "address: a Canadian rural route with its site, box, town, province and postcode",
    "address.quadrant_street": "address: house on a numbered street in a city's quadrant (3304 17 Ave SW)",
    "address.house_first": "address: a house's number first, then its road, area and town ('Hse 14, Ngong Rd …, Nairobi'), "
                           "where something is sent or delivered",
    "address.unit_in_building": "address: a flat in a named building on a named road (Unit 12, Avida Towers, Sucat Road)",
    "email.plain": "e-mail address",
    "email.provider_no_tld": "e-mail address at a mail provider, without its domain ending",
    "email.provider_written_out": "e-mail address written out at a mail provider ('jsmith at yahoo')",
    "email.spaced_out": "e-mail address typed with spaces between its characters ('d a n n y @ g m a i l . c o m')",
    "email.written_out": "e-mail address written out ('at', 'dot', brackets)",
    "email.spoken": "e-mail address said aloud ('jerome dot castillo 77 at yahoo dot com', 'jo underscore lee at "
                    "gmail')",
    "email.in_link": "e-mail address URL-encoded in a link's query ('?email=jane%40gmail.com')",
    "phone.valid_number": "phone: a valid number for its region (phonenumbers)",
    "phone.valid_in_scripts_country": "phone: a fixed or mobile line of the country whose script the text is in "
                                      "(kana: Japan, Hangul: Korea …; phonenumbers)",
    "phone.local_after_phone_word": "phone: a local number right after a phone word",
    "phone.international_format": "phone: +country code and a plausible length (phonenumbers)",
    "phone.national_format": "phone: another country's national number as dialled there (trunk 0; a valid fixed or "
                             "mobile line in the UK, Australia, Germany, France, India … per phonenumbers)",
    "phone.digits_after_phone_word": "phone: 7-15 digits right after a phone word",
    "phone.valid_in_language_country": "phone: a fixed or mobile line of a country of the text's language, in "
                                       "national format, after a phone-line word",
    "phone.digits_before_phone_word": "phone: 7-15 digits right before a phone word ('… is my number')",
    "phone.beside_email": "phone: a line of the text's country given as the other way to reach the writer, right "
                          "after their e-mail address ('… @seznam.cz nebo 604 …', '… @wp.pl albo 601 …')",
    "phone.readers_line": "phone: the line the reader is called or written on ('we'll text the link to …', 'the "
                          "driver will call …')",
    "id.split_value": "national id: given in pieces after its name ('starts 987-65 … the rest is 4320'), a whole "
                      "SSN together",
    "iban.split_value": "IBAN: given in pieces after its name ('starts GB33 … and ends …'), valid together",
    "card.split_value": "card: given in pieces after a card word, a card number together",
    "bank.split_value": "bank: an account number given in pieces after an account word",
    "phone.split_value": "phone: given in pieces after a phone word ('07700 and then 900 982'), a whole number together",
    "id.split_part": "national id: a labelled part of an id given in pieces ('the rest is …'), even if the parts do "
                     "not make a valid whole",
    "iban.split_part": "IBAN: a labelled part of an IBAN given in pieces ('… and ends 5555 19')",
    "card.in_pieces": "card: groups of four or eight digits, apart by lines, quote marks or labels ('> first half: "
                      "5120 7764 / > second half: …'), that together make a card number (brand and Luhn)",
    "card.split_part": "card: a labelled part of a card number given in pieces (more than the first six and last four)",
    "phone.changed_to": "phone: the number a found one was changed to or mistaken for ('from … to …', "
                        "'… instead of …')",
    "bank.changed_to": "bank: the account number a found one was changed to ('changed the account from … to …')",
    "email.changed_to": "e-mail: the address a found one was changed to ('changed the email from … to …')",
    "id.named_id": "national id: a value named only as 'ID' after an owner's word or with 'number' ('your ID …', "
                   "'ID no: …', '… is my ID no'), whichever country's, valid or not",
    "id.named_id_checksum": "national id: a value named only as a bare 'ID' that passes a country's id check (and "
                            "its mistyped twin beside it)",
    "id.referred_back": "national id: a value in an id's shape referred back to an id's or document's name ('… number "
                        "is wrong, it's …')",
    "id.digits_spaced": "national id: typed digit by digit with spaces ('5 3 1 - 7 2 - …'), in the id's format and "
                        "named near it",
    "id.named_regrouped": "national id: its digits grouped otherwise (spaces, dots, dashes, slashes, underscores: "
                          "'Steuer-ID 7148 3021 697'), read whole in the id's format, checksum valid, named right "
                          "before or after",
    "secret.referred_back": "secret: a made-up value referred back to a password word in its sentence or the two "
                            "before ('… my password? it's …', 'I set it to …', 'a new one: …'), or quoted beside it",
    "secret.network_key": "secret: a made-up value after a key word ('Key:', 'der Schlüssel ist …') with a Wi-Fi or "
                          "network word in the text",
    "secret.code_labelled": "secret: digits after a plain code word, a few words and 'is' in its language ('din kod "
                            "är 448 120'), not a postal, discount, error or order code",
    "address.postcode_town": "address: a street and house number before ', postcode Town' (continental forms, no "
                             "street word needed), an address word in the sentence or the one before",
    "address.eircode": "address: an Irish Eircode named as one (it identifies a single dwelling)",
    "bank.upi_id": "bank: an Indian UPI id (a bank account's payment address: name@okaxis, @ybl, @paytm …)",
    "custom.pattern": "the admin's own pattern",
    "allow.brand_email": "public: the brand's own e-mail address (allow-list)",
    "allow.brand_domain": "public: an address at the brand's own domain (allow-list)",
    "allow.brand_phone": "public: the brand's own phone number (allow-list)",
    "allow.brand_address": "public: the brand's own address (allow-list)",
    "allow.account_asked_about": "public: an account a message gave, asked about as a possible scam",
    "allow.organisation_mailbox": "public: a one-word mailbox at a domain spelling an organisation the text names",
    "allow.role_address": "public: a role mailbox (support@, no-reply@, billing@ …), not labelled as the writer's",
    "allow.organisation_handle": "public: a mailbox at the domain of the organisation the text addresses by its handle",
    "allow.not_theirs": "public: an address the writer says they do not live at",
    "allow.sender_asked_about": "public: a sender the writer received mail from, not their own",
    "allow.number_asked_about": "public: a number the writer asks whether an organisation's really is ('is … really "
                                "HMRC?')",
    "allow.service_number": "public: toll-free, premium-rate or shared-cost number (phonenumbers), not labelled "
                            "as the writer's",
    "allow.place_mention": "public: a bare street address named as a place (at, near, outside …), not the writer's",
    "allow.same_number_again": "public: a number written again that is public where it was written first",
    "allow.business_phone": "public: a number named as an organisation's (your store, our office …), not the writer's",
    "allow.organisation_named_after": "public: said to be an organisation's or a sender's right after it ('isn't "
                                      "ours', 'is a phishing address', 'your official number?')",
    "allow.po_box": "public: a PO box not labelled as the writer's (complaints, payments, ombudsman addresses)",
    "allow.scam_warning": "public: a number quoted in a warning about a fraud (scam, phishing, Betrug, arnaque, "
                          "estafa, truffa, oszustwo …), not labelled as the writer's",
    "allow.organisations_postal_address": "public: where an organisation with a desk's mailbox is written to by post",
    "allow.recommended_business": "public: a business's phone or address in a post recommending it ('shoutout to …')",
    "allow.business_address": "public: named as a business's address (store, office …), not the writer's",
    "allow.famous_address": "public: a famous address (1600 Pennsylvania Ave, 221B Baker Street …) alone, not given "
                            "as anyone's address or destination",
    "allow.example_value": "public: a value given as an example in a how-to ('e.g. 123 Main St', 'z. B. …', 'por ejemplo …')",
    "allow.organisation_account": "public: an IBAN or account named as an organisation's in its sentence (a company's "
                                  "legal form, 'our account', 'pay to', a charity or donation word, in any language), "
                                  "not the writer's ('my', 'refund to' …)",
    "allow.asked_of_organisation": "public: a detail a post to an organisation's handle asks about ('@… is 317-962-4410 "
                                   "the fax or the main line?'), with no one's own detail named in the text",
    "allow.signed_by_organisation": "public: a detail in a reply an organisation signs with its name, with no one's "
                                    "own detail named in the text and nothing recording it on a customer's file",
    "allow.published_routing": "public: a US routing number, or a branch's sort code, BSB or bank code, with no "
                               "account number in the text (a bank's own, printed on its website and cheques)",
}
# Every rule also fires on numbers written in words ("four one one one …") or with letters for digits ("2O2-…"),
# read as digits first: the finding's rule is then the rule's name + ".in_words" (Detector._numbers_in_words)
_BASE_RULES = list(RULES.items())
RULES.update({f"{rule}.in_words": f"{why} — digits written in words or letters ('five five five …', '2O2-…')"
              for rule, why in _BASE_RULES})
# … and on values broken over lines, read with the line breaks as spaces (Detector._across_lines)
RULES.update({f"{rule}.across_lines": f"{why} — the value broken over lines" for rule, why in _BASE_RULES})


@dataclass(frozen=True)
class Finding:
    kind: str          # one of KINDS
    start: int         # span in the text given to find()
    end: int
    confidence: float  # 0..1: how sure the detector is that this is the kind's real data
    label: str = ""    # which form: "visa", "us_ssn", "password", or the custom pattern's name
    rule: str = ""     # which rule fired: a key of RULES ("secret.before_cue", "allow.service_number" …)

    @property
    def why(self) -> str:
        """The rule in words, for an admin reading `privacy scan --explain`."""
        return RULES.get(self.rule, self.rule)


def sensitive_kinds(findings: Iterable[Finding]) -> list[str]:
    """The kinds found, sorted and unique: what audit logs and the CLI show (never the values)."""
    return sorted({f.kind for f in findings})


def privacy_settings(settings: Any) -> dict[str, Any]:
    """The bridge config's optional `privacy:` section; {} when absent."""
    return dict(getattr(settings, "privacy", None) or {})


# -- settings ---------------------------------------------------------------------------------------
_DOMAIN = re.compile(r"(?i)^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")


class AllowListSchema(Schema):
    """The brand's own contact details: public by design, never masked or sent privately."""

    phones = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    emails = fields.List(fields.Email(), load_default=list)
    # every mailbox at these domains (and their subdomains): acme-shop.com covers care@ and eu.acme-shop.com
    domains = fields.List(fields.String(validate=validate.Regexp(
        _DOMAIN, error="a domain name such as acme-shop.com (no @, no scheme)")), load_default=list)
    addresses = fields.List(fields.String(validate=validate.Length(min=5)), load_default=list)
    # links starting with these (scheme optional): no number inside them is read as a card or a phone
    urls = fields.List(fields.String(validate=validate.Regexp(
        r"(?i)^(?:https?://)?[a-z0-9.-]+\.[a-z]{2,24}(?:[/?#]\S*)?$",
        error="a link such as https://acme-shop.com/help")),
        load_default=list)


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
    # the learned second opinion (second_opinion.py) on replies about to go public
    second_opinion = fields.Boolean(load_default=True)

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


# The numbers parsed for the text at hand, by (value, region): the matcher, the allowances and the mask each parse
# the same number again and again (phonenumbers' parse and number_type are pure, and their results are only read).
# Emptied when a text is looked at (Detector.find, explain): they hold one text's numbers.
_PARSES: dict[tuple[str, str | None], Any] = {}
_TYPES: dict[tuple[str, str | None], Any] = {}


def _parsed(value: str, region: str | None) -> Any:
    """phonenumbers.parse(value, region), parsed once a text (raising its NumberParseException again)."""
    key = (value, region)
    found = _PARSES.get(key)
    if found is None:
        try:
            found = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException as exc:
            found = exc
        _PARSES[key] = found
    if isinstance(found, phonenumbers.NumberParseException):
        raise found.with_traceback(None)
    return found


def _type_of(value: str, region: str | None) -> Any:
    """phonenumbers.number_type(_parsed(value, region)), once a text."""
    key = (value, region)
    kind = _TYPES.get(key)
    if kind is None:
        kind = _TYPES[key] = phonenumbers.number_type(_parsed(value, region))
    return kind


def _forget_parses() -> None:
    """At the start of each text: what was read of the last one is not kept (nothing is cached across texts)."""
    _PARSES.clear()
    _TYPES.clear()
    _organisation_signature_start.cache_clear()
    _in_text.cache_clear()


def _e164(number: str, region: str) -> str | None:
    found = _e164_and_country_code(number, region)
    return found[0] if found is not None else None


def _valid_in(number: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(_parsed(number, region))
    except phonenumbers.NumberParseException:
        return False


def _e164_and_country_code(number: str, region: str) -> tuple[str, int | None] | None:
    """The number in E.164 and its country code (what a mask shows: no second parse of the E.164 form)."""
    try:
        parsed = _parsed(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), parsed.country_code


# -- shared patterns ------------------------------------------------------------------------------
# (Several patterns here start with what their first character must be, and test what comes before after it:
# a search then skips ahead to each such character, where one starting with a look-behind is tried everywhere.)
_NON_ASCII_DIGIT = re.compile(r"\d(?<![0-9])")
_URL = re.compile(
    r"(?i)(?<![\w@.-])(?:https?://|www\.)[^\s<>\"'()\[\]{}]+"
    r"|(?<![\w.-])(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|ly|to|gl|me|app|be|uk|de|fr|es|it|nl|us|info|link)"
    r"/[^\s<>\"'()\[\]{}]*")
_PHONE_LINK = re.compile(r"(?i)^(?:https?://)?(?:wa\.me/|api\.whatsapp\.com/send\?phone=)")
_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")
_BLANK = "\x00"  # replaces URLs in the scanned copy: same length, so spans stay valid, and no rule matches it


# The parse of a pattern (what _AtWordStarts reads of it) and its operations' names
_PARSER: Any = importlib.import_module("re._parser")
_OPS: Any = importlib.import_module("re._constants")
# Where a word starts in an ASCII text: a letter, digit or "_" with none before it (a character set first: a search
# skips ahead to each)
_WORD_START = re.compile(r"\w(?<!\w\w)")


def _folds_to_ascii(char: str) -> bool:
    """Whether a case-blind pattern's non-ASCII letter matches an ASCII character ("ı" matches "i", "K" "k")."""
    return any(re.match(f"(?i){re.escape(char)}", ascii_char) for ascii_char in map(chr, range(128)))


def _literal_starts(ops: list[Any], prefix: str = "") -> set[str] | None:
    """The lower-case ASCII beginnings (up to 6 characters) that every match of a case-blind sequence of parsed
    pattern operations (re._parser) has in an ASCII text, or None when they cannot be told (an empty one among them)."""
    if len(prefix) >= 6 or not ops:
        return {prefix} if prefix else None
    op, arg = ops[0]
    if op is _OPS.LITERAL or op is _OPS.IN and all(
            member is _OPS.LITERAL for member, _ in arg):
        found: set[str] = set()
        for char in [chr(arg)] if op is _OPS.LITERAL else [chr(value) for _, value in arg]:
            if char.isascii():
                longer = _literal_starts(ops[1:], prefix + char.lower())
            elif _folds_to_ascii(char):
                longer = {prefix} if prefix else None
            else:
                continue  # (no ASCII text has this character: no match goes this way)
            if longer is None:
                return None
            found |= longer
        return found
    if op is _OPS.SUBPATTERN or op is _OPS.BRANCH:
        inner: list[Any] = list(arg[-1]) if op is _OPS.SUBPATTERN else []
        alternatives = arg[1] if op is _OPS.BRANCH else \
            inner[0][1][1] if len(inner) == 1 and inner[0][0] is _OPS.BRANCH else [inner]
        found = set()
        for alternative in alternatives:
            longer = _literal_starts(list(alternative) + ops[1:], prefix)
            if longer is None:
                return None
            found |= longer
        return found
    return {prefix} if prefix else None


class _AtWordStarts:
    """A case-blind pattern whose every match starts a word (after "\\b" or "(?<![\\w-])") with one of a few
    beginnings, searched in an ASCII text only at the words that start so: an alternation of many words costs at every
    position it is tried (with no case-blind first character to skip ahead to). The matches are the pattern's own,
    in the same order: a match is only ever tried at a word's start, and the next is looked for after it, as a search
    would. Other texts are searched as they are (a case-blind match may fold a non-ASCII letter to an ASCII one)."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.compiled, self.pattern = pattern, pattern.pattern
        parsed = _PARSER.parse(pattern.pattern, pattern.flags)
        alternatives = [list(a) for a in parsed.data[0][1][1]] if len(parsed.data) == 1 and \
            parsed.data[0][0] is _OPS.BRANCH else [list(parsed.data)]
        starts: set[str] | None = set()
        for ops in alternatives:
            head: Any = ops[0] if ops else (None, None)
            # (a word's start: "\b" or "(?<![\w-])" first, and a letter or digit after it, as every beginning has)
            at_start = head == (_OPS.AT, _OPS.AT_BOUNDARY) or \
                head[0] is _OPS.ASSERT_NOT and head[1][0] == -1 and \
                str(head[1][1]) == str(_PARSER.parse(r"[\w-]", pattern.flags))
            found = _literal_starts(ops[1:]) if at_start else None
            if found is None or starts is None or not all(re.match(r"\w", s) for s in found):
                starts = None
                break
            starts |= found
        self.starts = tuple(sorted(starts)) if starts and pattern.flags & re.IGNORECASE else None

    def finditer(self, text: str, pos: int = 0, endpos: int = 2 ** 62) -> Iterable[re.Match]:
        if self.starts is None or not text.isascii():
            return self.compiled.finditer(text, pos, endpos)
        return self._at_word_starts(text, pos, min(endpos, len(text)))

    def _at_word_starts(self, text: str, pos: int, endpos: int) -> Iterable[re.Match]:
        lowered, starts = _lowered(text), self.starts or ()
        after = pos
        for word in _WORD_START.finditer(text, pos, endpos):
            start = word.start()
            if start >= after and lowered.startswith(starts, start):
                match = self.compiled.match(text, start, endpos)
                if match is not None:
                    yield match
                    after = match.end()

    def search(self, text: str, pos: int = 0, endpos: int = 2 ** 62) -> re.Match | None:
        if self.starts is None or not text.isascii():
            return self.compiled.search(text, pos, endpos)
        endpos = min(endpos, len(text))
        lowered, starts = _lowered(text), self.starts
        for word in _WORD_START.finditer(text, pos, endpos):  # (the first match is the leftmost: no generator)
            if lowered.startswith(starts, word.start()):
                match = self.compiled.match(text, word.start(), endpos)
                if match is not None:
                    return match
        return None

    def match(self, text: str, pos: int = 0, endpos: int = 2 ** 62) -> re.Match | None:
        return self.compiled.match(text, pos, endpos)


class _Cues:
    """A hand-written pattern and the other languages' phrases of a privacy_cues table: the second (a long
    alternation, which costs at every position it is tried) is tried only on a stretch of text that holds one of
    its gate words. base_gate, when given: the words one of which each match of the first has (see _may_match).
    Searched like a compiled pattern (search, finditer)."""

    def __init__(self, base: re.Pattern | _AtWordStarts, abroad: re.Pattern | _AtWordStarts, gate: frozenset[str],
                 base_gate: frozenset[str] | None = None, unspaced: re.Pattern | None = None) -> None:
        self.base, self.abroad, self.gate, self.base_gate = base, abroad, gate, base_gate
        # (the phrases of languages written without spaces, "诈骗", "มิจฉาชีพ": no word to gate on, nor a word's
        # edge to match at; searched in texts that are not ASCII)
        self.unspaced = unspaced
        self._last: tuple[str, bool] = ("", False)
        self.pattern = f"{base.pattern}|{abroad.pattern[4:] if abroad.pattern.startswith('(?i)') else abroad.pattern}"

    def _abroad_in(self, text: str, pos: int, endpos: int) -> bool:
        last = self._last  # (the decision for the last text: asked for again and again on one text)
        if last[0] is text:
            return last[1]
        decision = not self.gate.isdisjoint(_words_of(text))
        self._last = (text, decision)
        return decision

    def _base_in(self, text: str) -> bool:
        return self.base_gate is None or _may_match(text, self.base_gate)

    def search(self, text: str, pos: int = 0, endpos: int = 2 ** 62) -> re.Match | None:
        found = self.base.search(text, pos, endpos) if self._base_in(text) else None
        if self._abroad_in(text, pos, endpos):
            other = self.abroad.search(text, pos, endpos)
            if other is not None and (found is None or other.start() < found.start()):
                found = other
        if self.unspaced is not None and not text.isascii():
            other = self.unspaced.search(text, pos, endpos)
            if other is not None and (found is None or other.start() < found.start()):
                found = other
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int = 2 ** 62) -> Iterable[re.Match]:
        base = self.base.finditer(text, pos, endpos) if self._base_in(text) else iter(())
        abroad = self._abroad_in(text, pos, endpos)
        unspaced = self.unspaced is not None and not text.isascii()
        if not abroad and not unspaced:
            return base
        every = list(base)
        if abroad:
            every += self.abroad.finditer(text, pos, endpos)
        if unspaced:
            every += self.unspaced.finditer(text, pos, endpos)  # type: ignore[union-attr]
        return sorted(every, key=lambda m: (m.end(), m.start()))


_NEVER = re.compile(r"(?!)")


def _unspaced_phrases(table: cues.Table) -> re.Pattern | None:
    """The phrases of a privacy_cues table in the languages written without spaces, found anywhere (see _Cues)."""
    languages = [lang for lang in cues.UNSPACED_LANGUAGES if lang in table]
    return re.compile(f"(?i){cues.pattern(table, languages)}") if languages else None
# every byte but an ASCII letter as a space, and capitals in lower case: in an ASCII text, _WORD's words (lower-cased)
# are what is left between spaces
_ASCII_NON_LETTERS = bytes(ord(chr(byte).lower()) if chr(byte).isascii() and chr(byte).isalpha() else ord(" ")
                           for byte in range(256))
_LAST_WORDS: tuple[str, frozenset[str] | set[str]] = ("", frozenset())
_EARLIER_WORDS: tuple[str, frozenset[str] | set[str]] = ("", frozenset())


def _words_of(text: str) -> frozenset[str] | set[str]:
    """The lower-case words of a text, kept for the last two texts (the detector asks for them many times a text,
    and for a few words before a value in between; each pair is replaced in one step, so a thread that finds
    another text's pair reads its own text anew)."""
    global _LAST_WORDS, _EARLIER_WORDS
    last = _LAST_WORDS
    if last[0] is text:
        return last[1]
    earlier = _EARLIER_WORDS
    if earlier[0] is text:
        _LAST_WORDS, _EARLIER_WORDS = earlier, last
        return earlier[1]
    if text.isascii():  # (most texts: their letters are A-Z and a-z, split apart by one C step each)
        words = set(text.encode().translate(_ASCII_NON_LETTERS).decode().split())
    else:
        words = set(_WORD.findall(text.lower()))
    _LAST_WORDS, _EARLIER_WORDS = (text, words), last
    return words


def _may_match(text: str, gate: frozenset[str]) -> bool:
    """Whether a case-blind pattern each of whose matches has one of gate's words as a whole word (see the gate)
    may match text. No when an ASCII text has none of them: a set look-up instead of a search. Any other text is
    searched (its letters may fold to ASCII ones in a case-blind match: "ſ" to "s", "K" to "k")."""
    return not text.isascii() or not _words_of(text).isdisjoint(gate)


_LAST_LOWER: tuple[str, str] = ("", "")


def _may_hold(text: str, parts: tuple[str, ...]) -> bool:
    """Whether a case-blind pattern each of whose matches holds one of parts (ASCII, in lower case) may match text:
    no when an ASCII text's lower-case copy holds none of them (a few substring tests instead of a search). Any
    other text is searched (a case-blind match may fold a non-ASCII letter to an ASCII one: "ı" to "i", "K" to "k").
    The lower-case copy is kept for the last text (several patterns ask in turn)."""
    global _LAST_LOWER
    if not text.isascii():
        return True
    last = _LAST_LOWER
    if last[0] is text:
        lowered = last[1]
    else:
        lowered = text.lower()
        _LAST_LOWER = (text, lowered)
    return any(part in lowered for part in parts)


def _lowered(text: str) -> str:
    """The text in lower case, kept for the last text as _may_hold keeps it."""
    global _LAST_LOWER
    last = _LAST_LOWER
    if last[0] is text:
        return last[1]
    lowered = text.lower()
    _LAST_LOWER = (text, lowered)
    return lowered


def _first_words(phrases: Iterable[str]) -> frozenset[str]:
    """The first word of each phrase, as privacy_cues.pattern() writes it: a match of that pattern starts with one
    of them as a whole word (for _may_match). Where hyphens may be left out ("wi-fi", "wifi"), joined too."""
    words = set()
    for phrase in phrases:
        if not phrase.isascii():  # (a case-blind non-ASCII letter may match an ASCII one: "K" matches "k")
            raise ValueError(f"not an ASCII phrase: {phrase!r}")
        for written in (phrase.replace("-", "", count) for count in range(phrase.count("-") + 1)):
            first = _WORD.search(written.lower())
            if first is not None:
                words.add(first.group())
    return frozenset(words)


def _digits_in(text: str) -> int:
    """How many characters of text are digits (str.isdigit): counted for every text and many runs, so an ASCII
    one's (where they are 0-9) by deleting them in one C step."""
    if text.isascii():
        return len(text) - len(text.encode().translate(None, b"0123456789"))
    return sum(map(str.isdigit, text))


def _after_in_clause(text: str, end: int, width: int) -> int:
    """Where to stop looking for a value's name after it: `width` characters on, or the end of its sentence
    ("… rejects 987-65-4320 which is what I put as my social")."""
    stop = min(len(text), end + width)
    cut = _SENTENCE_END.search(text, end, stop)
    return cut.start() if cut is not None else stop


def _near_before(pattern: re.Pattern | _Cues | _AtWordStarts, text: str, start: int, width: int) -> re.Match | None:
    """The last match of `pattern` ending within `width` characters before `start`."""
    last = None
    for match in pattern.finditer(text, max(0, start - width), start):
        last = match
    return last


def _vetoed(text: str, start: int, veto: re.Pattern | _Cues, wanted: re.Pattern | _Cues | None = None,
            width: int = 25, signed: bool = False) -> bool:
    """A `veto` word (order, tracking, serial …) just before, and no nearer `wanted` word. signed: a number sign
    right after the wanted word is its own ("a contact # of (312) …"), no veto."""
    bad = _near_before(veto, text, start, width)
    if bad is None or _SENTENCE_ENDS_BETWEEN.search(text, bad.end(), start) or \
            _NOT_THE_BEFORE.search(text, max(0, bad.start() - 12), bad.start()):
        # (a sentence ended between: "… the invoice says £410. 07700 900 976, I'm about until 5"; or the word is
        # what the number is not: "call me, not the booking line, on 07700 …")
        return False
    good = _near_before(wanted, text, start, width) if wanted is not None else None
    if signed and good is not None and good.end() <= bad.start() and not text[good.end():bad.start()].strip() and \
            _NUMBER_SIGN.fullmatch(bad.group()):
        return False  # "a contact # of (312) …": the "#" of the wanted word, no reference's
    # ("case number 0029-1847-55": the "number" after a reference's word is the reference's, no phone word)
    return good is None or good.end() < bad.end() or \
        _REFERENCES_NUMBER.fullmatch(text, bad.start(), good.end()) is not None


_NOT_THE_BEFORE = re.compile(r"(?i)\bnot\s+(?:the|a|an|our|your|their|my)\s+$")
# a statement's end: a full stop after a number or a word (not an abbreviation: "no.", "ref.", "acct."); not a
# question's, which the value may answer ("Order number? it's AB-123456")
_SENTENCE_ENDS_BETWEEN = re.compile(r"(?:\d|[^\W\d_]{5,})\.\s")
# A boleto's digit line (linha digitável): groups of five and five, then five and six digits, joined by dots
_BOLETO_LINE = re.compile(r"(?<![\d.])\d{5}\.\d{5}\s+\d{5}\.\d{6}(?![\d.])")
# a group of letters and digits mixed right before, as a tracking number is written in groups ("1Z 9X8 44W 03 …")
# (two such groups: one alone may be an ordinal or a time, "on the 2nd", "after 5pm")
_CODE_GROUP_BEFORE = re.compile(r"(?<![\w-])(?:(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{2,6} ){2}$")
# digits right after a value, a space between: the value is the first group of a longer number
_MORE_DIGITS_AFTER = re.compile(r"[ \t]\d{3}")
_COUNTRY_CODE_BEFORE = re.compile(r"\+\d{1,3}[ \t-]?$")
# The reader's line as the organisation keeps it: "the number on your reservation, 617-829-4410, …"
_LINE_ON_RECORD_BEFORE = re.compile(r"(?i)\b(?:phone|number|mobile|cell|line)\s+on\s+your\s+(?:reservation|booking|"
                                    r"account|file|order|profile|application)\W{0,3}$")
# A postal item's number (UPU S10: "RR 1234 5678 5 GB"): two capitals before the digits and a country's two after
_POSTAL_ITEM_HEAD = re.compile(r"(?<![\w-])[A-Z]{2}[ \t]?$")
_POSTAL_ITEM_TAIL = re.compile(r"[ \t]?[A-Z]{2}(?![\w-])")
_CODES_NAMED_AFTER = re.compile(r"(?i)['’]?s?\s+(?:backup|recovery|security|one[- ]time|verification)\s+codes?\b")
_NUMBER_SIGN = re.compile(r"(?i)#|no\.?|nr\.?|num")
_REFERENCES_NUMBER = re.compile(r"(?i)\w+\.?\s*(?:number|no\.?|nr\.?|num|#|n[úu]mero|nummer|num[ée]ro)")
_REFERENCE_WORDS_EN = re.compile(
    r"(?i)\b(?:order|orders|ord|invoice|inv|ref|reference|tracking|track|shipment|parcel|package|ticket|case|"
    r"booking|confirmation|conf|reservation|receipt|transaction|txn|serial|s/n|sku|model|item|part|rma|batch|"
    r"lot|policy|claim|imei|iccid|meid|isbn|ean|upc|gtin|barcode|pnr|bestellnummer|commande|pedido|rechnung|"
    # a merchant's M-Pesa paybill number is the shop's payment id, not a line
    # (a prepaid meter's number after the word alone: "Your R150 electricity purchase went to meter 04172283914")
    r"factura|facture|paybill|waybill|awb|consignment|smartcard|decoder|prepaid\s+meter|meter(?:\s+(?:no|number|id)|(?=\s+\d|\s*$))|"
    r"tag\s+(?:no|number)|rx(?:\s+(?:no|number))?)\b\.?|"
    r"(?:no\.|nr\.|n°|#)")
# the same in the other languages, and organisations' own ids (VAT, P.IVA, KvK …): privacy_cues
# Names that name an id only when its check holds: a reference's too ("PNR"), or not the id's own name but the
# login or portal it is typed into ("TC" alone, "BankID", "ameli", privacy_cues.ID_NAMES)
# (and a UTR's: India's payment references are UTRs too; "SPI", "Self Assessment"; "IPN", a payment notification's too)
_CHECKED_ONLY_ID_NAMES = frozenset({"tc", "t.c.", "bankid", "ameli", "utr", "spi", "self assessment",
                                    "self-assessment", "ipn", "eid", "personal code", "dui", "epic", "matricule", "sars", "личный номер",
                                    "kaartnummer", "ταυτότητα", "personal number", "personal id number",
                                    "personal identity number"})
# the UK's tax office and its returns: a UTR beside them is a Self Assessment taxpayer's
_UK_TAX_WORDS = re.compile(r"(?i)\bhmrc\b|\bself[ -]assessment\b|\btax return\b")
# a UTR named as an organisation's: the company's, as its other ids are (privacy_cues.COMPANY_ID_WORDS)
_COMPANY_UTR = re.compile(r"(?i)\b(?:our|company|company's|corporation\s+tax|ct|business|partnership|trust|charity|"
                          r"nuestro|nuestra|empresa|compañía|compania|sociedad|negocio|tienda|razón\s+social)\b"
                          r"[^.!?\n\d]{0,25}$")
# the ids an organisation holds too: named as its own ("our", "la empresa"), or in an organisation's range
_COMPANY_OWNED_LABELS = frozenset({"gb_utr", "ar_cuit", "latam_nit", "ve_rif", "ad_nrt", "latam_ruc", "za_tin"})
_ORGANISATIONS_TAX_LABELS = frozenset({"in_pan", "ar_cuit", "latam_nit", "ve_rif", "latam_ruc", "cl_rut"})
# An id named as an organisation's own before it ("Our company TIN is …", "el RUT de la empresa es …", "NPWP
# perusahaan kami …", "Nuestro CUIT es …"), with no person's word between ("our records show your SSN …" is the reader's)
_ORGANISATIONS_ID_OWNER = re.compile(
    # "our (company) TIN", "nuestro CUIT", "company KRA PIN": the owner right before the id's name (an acronym)
    r"(?i:\b(?:our|nuestro|nuestra|notre|unser(?:e|er)?|nostr[oa]|onze|nosso|nossa|company['’]?s?|business|corporate)"
    r"\s+(?:(?:company|business|firm|corporate|tax)['’]?s?\s+)?)(?-i:[A-Z][A-Za-z.-]{1,9}\b)"
    # (not a place's name before what the organisation has there: "our Didsbury branch – we matched it using NHS no.")
    r"(?!\s+(?i:branch|branches|store|shop|office|clinic|surgery|pharmacy|practice|team|site|depot|warehouse|"
    r"centre|center|hotel|restaurant|location)\b)|"
    r"(?-i:\b[Α-Ω]{2,5})\s+της\s+εταιρείας\s+μας|"
    # "el RUT de la empresa", "NPWP perusahaan", "the VAT number of the company": the owner right after it
    r"(?-i:\b[A-Z][A-Z.]{1,7})(?i:\s+(?:(?:number|no\.?|nr\.?)\s+)?(?:de\s+la\s+empresa|de\s+l['’]entreprise|"
    r"de\s+la\s+soci[ée]t[ée]|della\s+societ[àa]|der\s+firma|da\s+empresa|of\s+the\s+(?:company|business)|"
    r"perusahaan))\b|"
    # "… Ύδρευση Κρήτης Α.Ε., ΑΦΜ …", "… Voltra GmbH, USt-IdNr. …": the name of an id right after a company's legal form
    rf"(?<![\w.-])(?-i:{cues.pattern(cues.LEGAL_FORMS)})[,;]\s+(?-i:[A-ZΑ-Ω][A-Za-zΑ-Ωα-ω.-]{{1,9}})[\s:.]*$")
_COMPANY_PIN = re.compile(r"(?i)\b(?:kra|company|business|corporate)\s+pin\b")
# What refers back to a value given earlier, right before an id's name: "… it's me tax file number", "that's my PPS"
_ITS_MY_BEFORE = re.compile(
    r"(?i)(?<![\w'’])(?:(?:it['’]?s|that['’]?s|it\s+is|that\s+is|this\s+is|which\s+is)\s+"
    r"(?:my|me|mine|the|his|her|our|your|their)|"
    # (a possessive alone in the other languages: "… die Nummer, die mir das Bundeszentralamt zugeteilt hat, meine
    # Steuer-ID")
    r"meine?|mi|mon|ma|mijn|mitt|min|mia|il\s+mio|minha|meu|moja|mój|moje)\s+$")
_A_PERSONS_WORD_BETWEEN = re.compile(
    r"(?i)\b(?:your|my|his|her|their|customer['’]?s?|client['’]?s?|employee['’]?s?|staff|tu|tus|su|sus|votre|vos|"
    r"ihre?|mi|mis|mein\w*|dein\w*|seu|sua|anda|saya)\b")


# Ids' names that are common words of other languages when written in lower case (the SIN's French name "nas" is
# Polish "us", "sin" Spanish "without"): they name an id only for a value that validates
_FOREIGN_WORD_ID_NAMES = {"sin": "es", "nas": "pl"}


_ON_THE_BASIS = re.compile(r"\s*(?:पर|से)(?!\w)")


_KENYAN_SIGN = re.compile(r"(?i:kenya|nairobi|mombasa|kisumu|nakuru|eldoret|thika|m-?pesa|safaricom|huduma|ecitizen)|"
                          r"[a-z]KE\b|\b(?:KES|KSh|Kshs?)\.?[^\S\n]?\d")  # (or its shillings: "KES 15,000", "Ksh 2,500")
_KENYAN_ID = re.compile(r"(?<![\w-])(?:(?i:kenyan)\s+)?ID(?:\s+(?i:no\.?|number|card))?(?:[^\S\n]+(?i:is|ni)|:)?[^\S\n]*"
                        r"(?P<value>\d{7,8}|\d{3,4}[ \n]\d{4,5})(?![\w-]|[.,]\d| \d)|"
                        r"(?<![\w-])ID\b[^.!?\n\d]{0,40}?\b(?i:number|no\.?|namba)[^\S\n]*(?:(?i:is|ni)|:)?[^\S\n]*"
                        r"(?P<later>\d{7,8})(?![\w-]|[.,]\d| \d)")
_NOT_A_PERSONS_ID = re.compile(r"(?i)\b(?:customer|user|member|employee|staff|account|device|apple|session|login|"
                               r"transaction|payment|merchant|till|paybill|agent|order|ticket|case|ref|reference|booking|"
                               r"tracking|invoice|receipt|meter|policy|claim|client)\W{0,3}$")


def _named_further_back(names: re.Pattern, text: str, start: int) -> bool:
    """An id's name sentences before a value whose check holds, nothing between them naming another number (a
    reference's or a line's word, another number of four digits or more; a rate or a count may come between, "taxed
    me at 47% for the third pay"): "my TFN isn't on file … I GAVE IT when I signed up!!! 851 819 531"."""
    name = next(reversed(list(names.finditer(text, max(0, start - 300), start))), None)
    return name is not None and not _weak_id_name(name.group()) and not _foreign_word(name.group(), text) and \
        not _NUMBER_OF_FOUR.search(text, name.end(), start) and not _REFERENCE_WORDS.search(text, name.end(), start) and \
        not _A_LINES_WORD.search(text, name.end(), start)


_NUMBER_OF_FOUR = re.compile(r"\d(?:[ .-]?\d){3}")
_A_LINES_WORD = re.compile(r"(?i)\b(?:call|ring|phone|tel|text|whatsapp|line|mobile|cell|fax)\b")


def _foreign_word(name: str, text: str) -> bool:
    """A lower-case id name that is a word of the language the text is in (two of its common words there)."""
    lang = _FOREIGN_WORD_ID_NAMES.get(name)
    return lang is not None and len(_LANGUAGE_MARKS[lang].intersection(_words_of(text))) >= 2


def _weak_id_name(name: str) -> bool:
    return _REFERENCE_WORDS_EN.fullmatch(name) is not None or name.lower() in _CHECKED_ONLY_ID_NAMES



_SOLE_PROPRIETOR_EIN = re.compile(r"(?i)\bEIN\b[^.\n\d]{0,60}?(?<![\w-])(?P<value>\d{2}-\d{7})(?![\w-])")


def _named_between(text: str, pos: int, endpos: int) -> bool:
    """Another thing's number named by a word (order, pedido, ordine …) between an id's name and a value."""
    while (match := _REFERENCE_WORDS.search(text, pos, endpos)) is not None:
        if match.group()[:1].isalpha() and match.group().lower().rstrip(".") not in ("no", "nr"):
            return True  # (not "no.", "nr.": the id's own number, "PhilSys no. 4821-…")
        pos = match.end()
    return False

_REFERENCE_WORDS = _Cues(_REFERENCE_WORDS_EN, re.compile(
    rf"(?i)(?<![\w-])(?:{cues.pattern(cues.REFERENCE_WORDS)}|{cues.pattern(cues.COMPANY_ID_WORDS)})(?![\w-])"),
    cues.gate(cues.REFERENCE_WORDS, cues.COMPANY_ID_WORDS))

# A line break beside a digit, or after a label ("is", ":", "="): a value may go on on the next line
_BROKEN_VALUE = re.compile(r"\d[-.]?[ \t]*\r?\n[ \t]*[\w(+]|[\w:)][ \t]*\r?\n[ \t]*[+(]?\d|(?i:\bis|[:=])[ \t]*\r?\n")


# A line break inside a secret as typed or wrapped: after a word's letters (or "_") and before digits ("shamrock\n7741",
# "Girasol_\n7712"), or between two runs of digits ("58\n0341"); the digits end there (not a phone's groups, a time,
# a date: "Broadband\n1800 220 440", "jour\n14:03"), and the word is no mailbox's or site's end ("….net\n3 outages")
_BEFORE_A_BREAK_INSIDE = re.compile(r"(?:(?<![\w@./-])[^\W\d]{3,30}|(?<![\w.,:/-])\d{1,8})$")
_AFTER_A_BREAK_INSIDE = re.compile(r"\d{1,8}(?![\w:/-]|[.,]\d|[^\S\n]\d)")


def _breaks_inside_a_secret(text: str) -> list[int]:
    """Where the text has a line break inside a secret's shape (see _BEFORE_A_BREAK_INSIDE, _AFTER_A_BREAK_INSIDE)."""
    return [m.start() for m in re.finditer("\n", text)
            if _AFTER_A_BREAK_INSIDE.match(text, m.end()) and _BEFORE_A_BREAK_INSIDE.search(text, max(0, m.start() - 31),
                                                                                            m.start())]


def _broken_value(text: str) -> bool:
    """Whether _BROKEN_VALUE matches in text. It is tried only where a match can start: one or two characters
    before the spaces and tabs before each line break (a search tries it at every character)."""
    position = text.find("\n")
    while position >= 0:
        start = position - 1 if position and text[position - 1] == "\r" else position
        while start and text[start - 1] in " \t":
            start -= 1
        if start and _BROKEN_VALUE.match(text, start - 1) or start > 1 and _BROKEN_VALUE.match(text, start - 2):
            return True
        position = text.find("\n", position + 1)
    return False


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
    ("troy", "9792", "9792", (16,)),  # Turkey's domestic network
)
# (a dot joins groups only with no space after it: "… says £410. 07700 900 976" is a sentence's end, then a phone)
_CARD_GROUP_SEP = r"(?:[ \t\u00a0]{1,3}|[ \t]*\r?\n[ \t]*|[ \t]?[-\u2010-\u2015_][ \t]?|[ \t]?\.)"
# a card's groups of four apart by slashes ("4532/7719/0864/2130"; "2000145399/0800" is a Czech account, "12/26" a date)
_SLASHED_CARD = re.compile(r"(?<![\d/])\d{4}(?:[ \t]?/[ \t]?\d{4}){3,4}(?![\d/])")
# A Korean or Japanese particle glued to a long number ("790211-1438255로", "010-3927-5148으로", "0636を"): read as
# a space, so that the number ends where its digits do (a long number's rules want no letter after it)
_GLUED_PARTICLE = re.compile(r"(?<=\d\d\d\d)(?:으로|로|를|을|이|가|은|는|에서|에|와|과|도|만|까지|부터|입니다|이에요|"
                             r"예요|이고|인데|です|で|を|に|は|が|の|から|まで|と|へ|も)")
_DIGIT_RUN = re.compile(rf"\d(?<!\d\d)\d*(?:{_CARD_GROUP_SEP}\d+)*(?!\d)")
# how a card's digits are grouped as printed: 4-4-4-4, Amex's 4-6-5, 19 digits' 4-4-4-4-3
_CARD_GROUPINGS = ([4, 4, 4, 4], [4, 6, 5], [4, 4, 4, 4, 3])


def _spaced_groups(text: str, groups: list[tuple[int, int, str]]) -> list[int]:
    """The sizes of the groups of digits typed one by one, a group ending at a wider space ("5 2 1 9  7 7 0 4")."""
    sizes = [1]
    for (_, end, _), (start, _, _) in zip(groups, groups[1:]):
        if start - end >= 2 and not text[end:start].strip():
            sizes.append(1)
        else:
            sizes[-1] += 1
    return sizes


_CARD_WORDS = re.compile(
    r"(?i)\b(?:cards?|cc|cc#|credit|debit|visa|master ?card|mc|amex|american express|discover|jcb|diners|"
    r"maestro|union ?pay|kreditkarte|karte|tarjeta|carte|cart[ãa]o|carta|kaart|karta)\b")
# A card's number given in groups of four or eight digits on lines or after labels of their own ("> first half: 5120
# 7764\n> second half: 0328 9159", "> 4509 0327\n> 4419 6586"): the groups, and what may stand between two of them
# (no digit, no sentence's end); with a card word or a word of pieces in the text
_CARD_PIECE = re.compile(r"(?<![\w.,/:-])\d{4}(?:[ .-]?\d{4})?(?![\w/]|[.,:-]\d)")
# (an ellipsis after a group goes on with the next: "5260 9193... rest of it is 5765 7696")
_CARD_PIECE_GAP = re.compile(r"(?:\.{2,4}|…)?[^\d.!?]{1,40}|[^\d]{0,3}\n[^\d]{0,30}")
_CARD_PIECES_GATE = frozenset("half halves part parts bits pieces piece split splitting rest first second two".split())
# (in the scripts with no spaces, or a particle glued on: "카드번호 9410 …", "カード番号", "银行卡号", "บัตรเครดิต"; looked
# for in texts that are not ASCII only)
_CARD_WORDS_IN_SCRIPTS = re.compile(r"카드|カード|信用卡|银行卡|卡号|บัตร|कार्ड")
# A card's number sent in parts, one a post ("part one of my card: 5301 2677", "part two: 5409 3813, exp 12/27"): eight
# digits after a part's label, with a card word or an expiry date in the text
_CARD_PART = re.compile(
    r"(?i)\b(?:(?:part|half|piece)\s+(?:one|two|three|four|[1-4]|1st|2nd)|(?:first|second|last|other)\s+(?:half|part))"
    r"\b[^\d\n]{0,60}?(?<![\w-])(?P<value>\d{4}[ -]?\d{4})(?![\w-]|[.,/]\d)")
_CARD_EXPIRY = re.compile(r"(?i)\bexp(?:iry|ires|iration)?\b\.?:?\s*(?:0[1-9]|1[0-2])\s?/\s?\d{2}\b")
_CARD_PART_GATE = frozenset("part half piece".split())
# a shop's, library's or club's card: its number is no payment card's, whatever its digits
_STORE_CARD = re.compile(
    r"(?i)\b(?P<name>(?:loyalty|membership|member|points|library|club|store|bonus|fidelity|frequent\s+flyer)\s+card|"
    r"clubcard|nectar\s+card|kundenkarte|payback[\s-]?karte|carte\s+(?:de\s+)?fid[ée]lit[ée]|tarjeta\s+de\s+"
    r"(?:fidelizaci[óo]n|puntos|socio)|carta\s+fedelt[àa]|klantenkaart|bonuskaart|"
    # (a transit card, a gift card or store credit: the shop's or the network's own numbers)
    r"istanbulkart|oyster(?:\s+card)?|octopus(?:\s+card)?|opal(?:\s+card)?|myki|presto(?:\s+card)?|"
    r"clipper(?:\s+card)?|navigo|suica|pasmo|ov-?chipkaart|leap\s+card|compass\s+card|transit\s+card|"
    r"gift\s*card|store\s+credit|store\s+voucher|geschenkkarte|gutscheinkarte|tarjeta\s+regalo|"
    r"carte\s+cadeau|cadeaukaart|karta\s+podarunkowa)\b[^\n]{0,60}$")


def _a_store_card(text: str, start: int) -> bool:
    """A shop's, a transit network's or a gift card named before the number, with no payment card named nearer."""
    store = _STORE_CARD.search(text, max(0, start - 75), start)
    if store is None:
        return False
    card = _near_before(_CARD_WORDS, text, start, start - store.end("name"))
    return card is None or card.start() < store.end("name")
# a card named right before its number: the card word and no other word after it but its number's or the network's
# ("카드 9410 …", "fuel card 7077 …", "Mastercard no. 5301 …")
_CARD_NUMBER_NAMED = re.compile(
    r"(?i)(?:\b(?:card|karte|tarjeta|carte|cart[ãa]o|carta|kaart|karta)|카드|カード|卡|บัตร|कार्ड)"
    r"(?:[\s-]*(?:number|no\.?|nr\.?|num[ée]ro|n[úu]mero|nummer|numer|번호|番号|号|หมายเลข|नंबर)|[\s:#]){0,3}\s*$")
# the card's number named right before its digits, a typed digit no matter: "card number: ", "카드번호 "
_CARD_NUMBER_RIGHT_BEFORE = re.compile(
    r"(?i)(?:\bcard\s+(?:number|no\.?)|\b(?:kartennummer|num[ée]ro\s+de\s+(?:la\s+)?(?:carte|tarjeta)|"
    r"n[úu]mero\s+d[eo]\s+cart[ãa]o)|카드\s*번호|カード番号|卡号)[\s:#]*$")
# "paid the invoice with 4539 …": the number paid with, whatever the reference word before
_PAID_WITH = re.compile(r"(?i)\b(?:with|using|via|by|con|avec|mit|com|met)\s+(?:my\s+|card\s+)?$")
_NOT_A_CARD = re.compile(r"(?i)\b(?:imei|iccid|meid|serial|s/n|tracking|isbn|ean|upc|gtin|barcode)\b")
# a number said only to look like a card's ("printed like a card number: …", "a tracking number that looks like a
# card number (…)"), a credit agreement's number, a product's barcode
_LIKE_A_CARD = re.compile(r"(?i)\b(?:looks?|looking|printed|formatted|written|laid\s+out)\s+(?:exactly\s+|just\s+)?"
                          r"like\s+an?\s+(?:credit\s+|debit\s+|bank\s+)?card(?:\s+number)?\b")
_AGREEMENT = re.compile(r"(?i)\b(?:agreement|finance\s+agreement|credit\s+agreement|contract|loan)"
                        r"(?:\s+(?:number|no\.?|ref(?:erence)?))?[\s:#]*$")
_PRODUCT_CODE = re.compile(r"(?i)\b(?:item|product|article|artikel|barcode|ean|upc|gtin|sku)\s*(?:code|no\.?|number|#)?"
                           r"[\s:#]*(?:is\s+)?$")
# (nor a card's other fields: "number 6222 29085 2, irn 1, exp 06/2029" is a Medicare card's number, its issue
# number and its expiry)
_NOT_CARD_PIECES = re.compile(r"(?i)\b(?:account|acct|acc|a/c|routing|sort|branch|iban|bsb|ifsc|konto|kontonr|irn|exp|"
                              r"expiry|expires|valid|cvv|cvc)\b")
_SPLIT_GAP = re.compile(r"[\s,:;]*(?:[^\W\d]+[\s,:;()]+){1,3}")


def _cards_in_pieces(text: str) -> list[Finding]:
    """Two to four groups (_CARD_PIECE) in a row, each gap a _CARD_PIECE_GAP, with sixteen digits in all that make a
    card number of a known brand; each group is a finding."""
    pieces = list(_CARD_PIECE.finditer(text))
    found: list[Finding] = []
    for first in range(len(pieces) - 1):
        digits = re.sub(r"\D", "", pieces[first].group())
        for last in range(first + 1, min(first + 4, len(pieces))):
            if not _CARD_PIECE_GAP.fullmatch(text, pieces[last - 1].end(), pieces[last].start()):
                break
            digits += re.sub(r"\D", "", pieces[last].group())
            if len(digits) > 16:
                break
            if len(digits) == 16 and is_card_number(digits):
                found += [Finding("card", *piece.span(), 0.8, "split", rule="card.in_pieces")
                          for piece in pieces[first:last + 1]]
                break
    return found


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
_IBAN_HEAD = re.compile(r"(?i)(?<![a-z0-9])[a-z]{2}\d{2}[a-z0-9]*(?:[ .\-][a-z0-9]+){0,10}")
# A letter right before a digit, as in every IBAN head ("DE89"): a cheap "no" for most texts with digits (written
# digit first, so that the regex engine skips from digit to digit)
_LETTER_THEN_DIGIT = re.compile(r"\d(?<=[^\W\d_]\d)")
_CHUNK = re.compile(r"[A-Za-z0-9]+")

_IBAN_COUNTRIES = numdb.get("iban")

# A value named, then given in pieces its shapes do not read: an IBAN's country letters apart from its check digits
# ("IBAN DE 8937 0400 …"), an id's letters apart from its digits ("NIE X 1234567 L"), or either read out one by one
# ("G B 29 N W B K 6016 …"). After the name, up to three connecting words in lower case (in capitals, "ES" or "DE"
# begins an IBAN); the pieces: digits, single letters, capitals, or capitals and digits, apart (see _pieces_after).
_PIECES_LEAD = re.compile(
    r"(?:[^\S\n]*(?:[:#=]|\b(?:is|was|ist|lautet|es|est|è|é|number|no|nr|nummer|n[úu]mero|my|mine|meine|mi|mon|ma|il|"
    r"la|le|de|do|da|du)\b)[^\S\n]*){0,3}[^\S\n]*")
_PIECE = re.compile(r"(?a:\d+)|(?<![^\W\d_])[A-Za-z](?![^\W\d_])|[A-Z]{2,6}(?![^\W\d_])|(?=[A-Z]*\d)[A-Z\d]{2,8}(?![^\W\d_])")
_PIECE_GAP = re.compile(r"[^\S\n]*[,.\-/]?[^\S\n]*")
_IBAN_NAME = re.compile(r"(?i)\biban\b")


def _pieces_after(text: str, name_end: int, most: int) -> list[re.Match]:
    """The pieces of a value given right after its name ends (at most `most`)."""
    pieces: list[re.Match] = []
    position = _PIECES_LEAD.match(text, name_end).end()  # type: ignore[union-attr]
    while len(pieces) < most and (piece := _PIECE.match(text, position)) is not None:
        pieces.append(piece)
        position = _PIECE_GAP.match(text, piece.end()).end()  # type: ignore[union-attr]
    return pieces


# Turkish names a reference after its number: "… numaralı siparişiniz" (your order numbered …), "… nolu kargo"
_NUMBERED_AFTER = re.compile(
    r"(?i)[^\S\n]*(?:numaral[ıi]|nolu|no['’]lu)[^\S\n]+(?:sipari[şs]|kargo|g[öo]nderi|fatura|talep|ba[şs]vuru|kay[ıi]t|"
    r"paket|i[şs]lem|rezervasyon|bilet|[şs]ikayet)")
# A reference's name just before a value, with no bank word between, or the value said to be one right after it
_A_REFERENCE_BEFORE = re.compile(
    r"(?i)\b(?:reference|ref|case(?:\s+(?:id|number|no))?)\b[^\d\n]{0,15}$")
_A_BANK_WORD = re.compile(r"(?i)iban|account|bank|konto|cuenta|conto|compte|rekening|pay\b|transfer")
_A_REFERENCE_AFTER = re.compile(
    r"(?i)[\s,)\"'”]*(?:is|was|=|being)\s+(?:just\s+|only\s+)?(?:(?:our|their|the|your|a|an|my)\s+)?(?:\w+\s+)?"
    r"(?:reference|ref|case\s+(?:id|number)|order\s+number)\b")


# An IBAN named only as what a value looks like: "a payment reference that looks like an IBAN: GB00 …", "eine
# Referenz, die wie eine IBAN aussieht", "IBAN-shaped reference"
_LIKE_AN_IBAN = re.compile(
    r"(?i)\b(?:looks?\s+like|like|resembl\w*|ressembl\w*\s+à|similar\s+to|parec\w*(?:\s+a)?|wie|comme|como|come)\s+"
    r"(?:an?|eine?|une?|una?)?\s*iban\b|"
    r"\biban[\s-]*(?:shaped|like|style|förmig\w*)\b")
_A_REFERENCE_WORD = re.compile(r"(?i)\b(?:reference|ref|\w*referenz\w*|verwendungszweck|référence|referencia|"
                               r"referência|riferimento|referentie|kenmerk)\b")


def _named_as_a_reference(text: str, start: int, end: int) -> bool:
    """A value named as a reference right before or right after it."""
    if "iban" in text[max(0, start - 60):start].lower():
        like = _LIKE_AN_IBAN.search(text, max(0, start - 60), start)
        if like is not None:  # (the IBAN only what it looks like: a reference named beside it in its sentence)
            begin = max(0, like.start() - 40)
            for cut in _SENTENCE_END.finditer(text, begin, start):
                begin = cut.end()
            return begin <= like.start() and _A_REFERENCE_WORD.search(text, begin, start) is not None
    if _A_BANK_WORD.search(text, max(0, start - 40), start):
        return False  # ("IBAN for the case ref: …": an IBAN named so is one)
    return _A_REFERENCE_BEFORE.search(text, max(0, start - 30), start) is not None or \
        _A_REFERENCE_AFTER.match(text, end) is not None


def _iban_format(compact: str) -> bool:
    """The country's IBAN length and format (python-stdnum), whatever the check digits."""
    if not compact[2:4].isdigit() or "bban" not in _IBAN_COUNTRIES.info(compact.upper())[0][1]:
        return False  # not a country with IBANs
    try:
        fixed = compact[:2] + stdnum_iban.calc_check_digits(compact) + compact[4:]
        # (the bank's own check inside the account number, Spain's, Belgium's, Norway's …, is left out: a number
        # written as an IBAN with its own check digits right is one, whatever the bank's digits say)
        stdnum_iban.validate(fixed, check_country=False)
    except stdnum_exceptions.InvalidComponent:
        return True
    except stdnum_exceptions.ValidationError:
        return False
    return True


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
    words: re.Pattern | None = None  # the id's own name: right before it, the format is enough (no checksum)
    gate: frozenset[str] = frozenset()  # one of these words must be in the text for a named rule to be tried
    # letters and digits in set places (RSSMRA85T10A562S, 1EG4-TE5-MK73): named in its sentence or the one before, a
    # value in the shape is the id even when its check fails (a typo); a shape of digits only needs its name nearer
    distinctive: bool = False


def _ctx(words: str) -> re.Pattern:
    return re.compile(rf"(?i)(?<![\w]){words}(?![\w])")


def _named(label: str) -> re.Pattern:
    """The id's names in every language it is written in (privacy_cues.ID_NAMES)."""
    return _ctx(cues.pattern({"any": cues.ID_NAMES[label]}))


def _gate(label: str) -> frozenset[str]:
    return cues.gate({"any": cues.ID_NAMES[label]})


def _stdnum(module: Any) -> Callable[[str], bool]:
    """python-stdnum's validator of an id, on the value without its separators, in capitals."""
    return lambda value: bool(module.is_valid(re.sub(r"[^0-9A-Za-z]", "", value).upper()))


def _stdnum_text(module: Any) -> Callable[[str], bool]:
    """The same, keeping the sign inside the value (a Swedish personnummer's "-" or "+", a Finnish HETU's century)."""
    return lambda value: bool(module.is_valid(re.sub(r"\s", "", value).upper()))


_TAX_ID_LABEL = re.compile(r"(?i)nif|pan|contribuinte|rfc")


def _luhn_digits(value: str) -> bool:
    """Luhn (python-stdnum) over an id's digits, its letters (a version code) left aside."""
    digits = re.sub(r"\D", "", value)
    return len(digits) >= 2 and bool(luhn.is_valid(digits))


def _no_persons_id(rule: _IdRule, value: str, text: str, start: int) -> bool:
    """A value in an id's shape that is no person's id, whatever names it."""
    if rule.label == "pt_nif" and value[0] in "5679":
        return True  # a Portuguese NIF of a company, public body, fund or estate: no person's
    if rule.label in _COMPANY_OWNED_LABELS and _COMPANY_UTR.search(text, max(0, start - 60), start):
        return True  # "our Corporation Tax UTR …", "el NIT de la empresa …": a company's
    if rule.label in _ORGANISATIONS_TAX_LABELS and _organisations_tax_id(value, rule.label):
        return True  # a PAN, CUIT, RIF or NIT of a company, firm, trust …: no person's
    return _FORMAT_TEMPLATE.fullmatch(value) is not None  # "nel formato XXXXXX00X00X000X": how the id is written


def _organisations_tax_id(value: str, label: str = "") -> bool:
    """A tax number only organisations hold, its check valid: an Indian PAN whose fourth letter names a company, firm,
    trust, association, government or other body (a person's is P, a family's H), a Portuguese NIF of a company,
    public body, fund or estate (5, 6, 7, 9 first; python-stdnum's check), a Mexican RFC of three letters, and by
    the rule's label an Argentine CUIT (30, 33, 34 first), a Venezuelan RIF (J, G, C) or a Colombian NIT (8, 9) of a
    company."""
    compact = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    if len(compact) == 10 and compact[3] in "CFATBLJG" and _PAN_SHAPE.fullmatch(compact):
        return bool(pan.is_valid(compact))
    if re.fullmatch(r"[A-Z&Ñ]{3}\d{6}[A-Z0-9]{3}", compact):
        return True  # a Mexican RFC of three letters: a company's (a person's has four)
    if label == "ar_cuit":
        return compact[:2] in ("30", "33", "34")  # an Argentine CUIT of a company
    if label == "cl_rut":
        return compact[:-1].isdigit() and int(compact[:-1]) >= 50_000_000  # a Chilean RUT of a company (50 million up)
    if label == "ve_rif":
        return compact[0] in "JGC"  # a Venezuelan RIF of a company, the state or a commune
    if label == "latam_nit":
        return len(compact) == 10 and compact[0] in "89"  # a Colombian NIT of a company (8… and 9…)
    if label == "latam_ruc":  # a RUC of a company: Peru's 20…, Ecuador's with 6 or 9 third, Paraguay's 80…
        return len(compact) == 11 and compact[:2] == "20" or len(compact) == 13 and compact[2] in "69" or \
            compact[:2] == "80"
    digits = re.sub(r"\D", "", value)
    return len(digits) == 9 and digits[0] in "5679" and bool(pt_nif.is_valid(digits)) and \
        re.fullmatch(r"[\d .-]+(?:\s?[A-Za-z])?", value.strip()) is not None


def _organisations_id(text: str, finding: Finding) -> bool:
    """An id named as an organisation's own in the text before it (_ORGANISATIONS_ID_BEFORE), in its sentence or the
    one before ("¿Me confirman el RUT de la empresa …? En la web sale 76.391.840-2"), no person's word between."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, finding.start - 120), finding.start)]
    begin = ends[-2] if len(ends) >= 2 else max(0, finding.start - 120)
    before = text[begin:finding.start]
    owners = list(_ORGANISATIONS_ID_OWNER.finditer(before))
    owner = owners[-1] if owners else None
    return owner is not None and _A_PERSONS_WORD_BETWEEN.search(before, owner.end()) is None and \
        len(before) - owner.end() <= 70


def _gb_driving_licence(value: str) -> bool:
    """A UK (DVLA) driving licence number: five letters of the surname (9 for fewer), the decade digit, the birth
    month (+5 for a woman), day and year digit, two initials (9 for none), a digit and two check letters. The date
    inside is checked (written by hand: python-stdnum has no module for it)."""
    compact = re.sub(r"\s", "", value).upper()
    month, day = int(compact[6:8]), int(compact[8:10])
    return (1 <= month <= 12 or 51 <= month <= 62) and 1 <= day <= 31


def _es_nss(value: str) -> bool:
    """A Spanish social security number: the province's two digits and the serial, their remainder by 97 the last
    two digits (the serial's leading zeros dropped when it is below a million: written by hand, python-stdnum has
    no module for it)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 12:
        return False
    serial = int(digits[2:10])
    base = int(digits[:2]) * 10**8 + serial if serial < 10**7 else int(digits[:10])
    return base % 97 == int(digits[10:])


def _sg_nric(value: str) -> bool:
    """A Singapore NRIC or FIN: S/T (citizens and residents) or F/G/M (foreigners), seven digits, a check letter
    from the digits weighted 2 7 6 5 4 3 2 (written by hand: python-stdnum has no module for it)."""
    compact = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[STFGM]\d{7}[A-Z]", compact):
        return False
    total = sum(int(d) * w for d, w in zip(compact[1:8], (2, 7, 6, 5, 4, 3, 2)))
    first = compact[0]
    total += {"S": 0, "T": 4, "F": 0, "G": 4, "M": 3}[first]
    letters = "JZIHGFEDCBA" if first in "ST" else "KLJNPQRTUWX"[::-1] if first == "M" else "XWUTRQPNMLK"
    return compact[-1] == letters[total % 11]


def _au_medicare(value: str) -> bool:
    """An Australian Medicare card number: ten digits (and the person's one-digit issue number after them), the
    first 2-6, the ninth a check digit of the first eight weighted 1 3 7 9 1 3 7 9 (written by hand: python-stdnum
    has no module for it)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) not in (10, 11) or digits[0] not in "23456":
        return False
    return sum(int(d) * w for d, w in zip(digits[:8], (1, 3, 7, 9, 1, 3, 7, 9))) % 10 == int(digits[8])


def _tw_id(value: str) -> bool:
    """A Taiwan national id: a letter (the place of first registration, read as two digits 10-35), 1 or 2 (sex) and
    eight digits, the last a check digit (written by hand: python-stdnum has no module for it)."""
    compact = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z][12]\d{8}", compact):
        return False
    code = "ABCDEFGHJKLMNPQRSTUVXYWZIO".index(compact[0]) + 10
    total = code // 10 + (code % 10) * 9 + sum(int(d) * w for d, w in zip(compact[1:9], (8, 7, 6, 5, 4, 3, 2, 1)))
    return (total + int(compact[9])) % 10 == 0


def _hk_id(value: str) -> bool:
    """A Hong Kong identity card number: one or two letters, six digits and a check digit (0-9 or A), often in
    brackets, weighted 9 (or a space's 36) down to 2, mod 11 (written by hand: python-stdnum has no module for it)."""
    compact = re.sub(r"[\s()]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{1,2}\d{6}[0-9A]", compact):
        return False
    head = compact[:-1].rjust(8)
    total = sum((36 if c == " " else ord(c) - 55 if c.isalpha() else int(c)) * w
                for c, w in zip(head, range(9, 1, -1)))
    check = (11 - total % 11) % 11
    return compact[-1] == ("A" if check == 10 else str(check))


def _ae_eid(value: str) -> bool:
    """An Emirates ID: 784, the holder's birth year, seven digits and a Luhn check digit."""
    digits = re.sub(r"\D", "", value)
    return len(digits) == 15 and digits.startswith("784") and luhn.is_valid(digits)


def _sa_nid(value: str) -> bool:
    """A Saudi national id (1…) or iqama (2…): ten digits, the last a Luhn check digit (written by hand:
    python-stdnum has no module for it)."""
    return len(value) == 10 and value[0] in "12" and luhn.is_valid(value)


def _de_kvnr(value: str) -> bool:
    """A German health-insurance number (Krankenversichertennummer): a letter and nine digits, the last a check
    digit over the letter's two-digit place in the alphabet and the eight digits, weighted 1 2 1 2 …, each product's
    digits summed (written by hand: python-stdnum has no module for it)."""
    compact = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]\d{9}", compact):
        return False
    digits = f"{ord(compact[0]) - 64:02d}" + compact[1:9]
    total = sum(sum(divmod(int(d) * (1 + i % 2), 10)) for i, d in enumerate(digits))
    return total % 10 == int(compact[9])


_UMLAUT_BASE = str.maketrans("ÄÖÜ", "AOU")


def _de_rvnr(value: str) -> bool:
    """A German pension insurance number (Rentenversicherungsnummer): the area's two digits, the birth date (DDMMYY),
    the surname's initial (an umlaut read as its base letter), a serial of two digits and a check digit over the
    eleven digits with the letter as its two-digit place in the alphabet, weighted 2 1 2 5 7 1 2 1 2 1 2 1, each
    product's digits summed, mod 10 (written by hand: python-stdnum has no module for it)."""
    compact = re.sub(r"\s", "", value).upper().translate(_UMLAUT_BASE)
    if not re.fullmatch(r"\d{8}[A-Z]\d{3}", compact):
        return False
    day, month = int(compact[2:4]), int(compact[4:6])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    digits = compact[:8] + f"{ord(compact[8]) - 64:02d}" + compact[9:11]
    total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(digits, (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)))
    return total % 10 == int(compact[11])


def _ru_snils(value: str) -> bool:
    """A Russian СНИЛС (nine digits and a check of two): hand-written, python-stdnum has no module for it. The check
    is the sum of the digits weighted 9 down to 1, mod 101 (100 reads as 00); numbers up to 001-001-998 have none."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 11 or digits[:9] <= "001001998":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(9, 0, -1))) % 101
    return f"{total % 100:02d}" == digits[9:]


def _hu_adoazonosito(value: str) -> bool:
    """A Hungarian adóazonosító jel (ten digits, 8 first, days since 1867 then a serial; the tenth is the sum of the
    first nine weighted 1 to 9, mod 11): hand-written, python-stdnum has only the company number (hu.anum)."""
    digits = re.sub(r"\D", "", value)
    return len(digits) == 10 and digits[0] == "8" and \
        sum(int(d) * w for d, w in zip(digits[:9], range(1, 10))) % 11 == int(digits[9])


def _uy_ci(digits: str) -> bool:
    """A Uruguayan cédula de identidad: up to seven digits and a check digit, the digits weighted 2 9 8 7 6 3 4
    (written by hand: python-stdnum has only uy.rut)."""
    if not 7 <= len(digits) <= 8:
        return False
    body = digits[:-1].rjust(7, "0")
    return (10 - sum(int(d) * w for d, w in zip(body, (2, 9, 8, 7, 6, 3, 4))) % 10) % 10 == int(digits[-1])


def _latam_cedula(value: str) -> bool:
    """A cédula whose check holds in one of the countries that have one (python-stdnum's ec.ci, do.cedula, cr.cpf,
    cr.cr, cu.ni; Uruguay's by hand)."""
    digits = re.sub(r"\D", "", value)
    return any(m.is_valid(digits) for m in (ec_ci, do_cedula, cr_cpf, cr_cr, cu_ni)) or \
        bool(re.fullmatch(r"[\d.,]+-\d", value)) and _uy_ci(digits)  # (Uruguay's check one in ten: its dash too)


def _sv_dui(value: str) -> bool:
    """A Salvadoran DUI: eight digits and a check digit, the digits weighted 9 down to 2 (written by hand:
    python-stdnum has only sv.nit)."""
    digits = re.sub(r"\D", "", value)
    return len(digits) == 9 and \
        (10 - sum(int(d) * w for d, w in zip(digits, range(9, 1, -1))) % 10) % 10 == int(digits[8])


def _lk_nic(value: str) -> bool:
    """A Sri Lankan NIC: the birth year (two digits, or four in the new twelve-digit number), the day of the year
    (001-366, a woman's plus 500) and a serial; the old one ends in V or X (written by hand: python-stdnum has no
    module for it)."""
    digits = re.sub(r"\D", "", value)
    day = int(digits[2:5]) if len(digits) == 9 else int(digits[4:7])
    return 1 <= day <= 366 or 501 <= day <= 866


_EG_GOVERNORATES = frozenset("01 02 03 04 11 12 13 14 15 16 17 18 19 21 22 23 24 25 26 27 28 29 31 32 33 34 35 88".split())


def _eg_nid(value: str) -> bool:
    """An Egyptian national number: the century (2 the 1900s, 3 the 2000s), the birth date (YYMMDD), the governorate,
    a serial and a check digit (written by hand, the check left aside: it is not published)."""
    digits = re.sub(r"\D", "", value)
    return len(digits) == 14 and 1 <= int(digits[3:5]) <= 12 and 1 <= int(digits[5:7]) <= 31 and \
        digits[7:9] in _EG_GOVERNORATES


def _ir_melli(value: str) -> bool:
    """An Iranian national code (کد ملی): ten digits, the last a check of the first nine weighted 10 down to 2, mod 11
    (written by hand: python-stdnum has no module for it)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    rest = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1))) % 11
    return int(digits[9]) == (rest if rest < 2 else 11 - rest)


def _br_pis(value: str) -> bool:
    """A Brazilian PIS/PASEP/NIS: ten digits weighted 3 2 9 8 7 6 5 4 3 2, the eleventh 11 less their sum mod 11 (10
    and 11 read 0; written by hand: python-stdnum has only br.cpf and br.cnpj)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 11:
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits, (3, 2, 9, 8, 7, 6, 5, 4, 3, 2))) % 11
    return (0 if check >= 10 else check) == int(digits[10])


def _br_cns(value: str) -> bool:
    """A Brazilian SUS card number (CNS): fifteen digits, 1 or 2 (or 7-9, provisional) first, the digits weighted
    15 down to 1 summing to a multiple of 11 (written by hand)."""
    digits = re.sub(r"\D", "", value)
    return len(digits) == 15 and digits[0] in "12789" and \
        sum(int(d) * w for d, w in zip(digits, range(15, 0, -1))) % 11 == 0


def _lu_matricule(value: str) -> bool:
    """A Luxembourg matricule: the birth date (YYYYMMDD) and five digits (its two check digits are not checked)."""
    digits = re.sub(r"\D", "", value)
    return len(digits) == 13 and 1 <= int(digits[4:6]) <= 12 and 1 <= int(digits[6:8]) <= 31


def _kz_iin(value: str) -> bool:
    """A Kazakh ИИН: the birth date (YYMMDD), a digit for the century and sex (1-6), four of a serial and a check
    digit, the sum of the first eleven weighted 1 to 11 mod 11, or when that is 10 weighted 3 to 11, 1, 2 (written by
    hand: python-stdnum has no module for it)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 12 or not (1 <= int(digits[2:4]) <= 12 and 1 <= int(digits[4:6]) <= 31) or digits[6] not in "123456":
        return False
    check = sum(int(d) * w for d, w in zip(digits, range(1, 12))) % 11
    if check == 10:
        check = sum(int(d) * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))) % 11
    return check < 10 and check == int(digits[11])


def _unspaced(label: str) -> re.Pattern:
    """An id's names in scripts written without spaces between words (Chinese, Thai): no word boundaries."""
    return re.compile(cues.pattern({"any": cues.ID_NAMES[label]}).replace(r"\s+", r"\s*"))


_SSN_WORDS = _named("us_ssn")
_ANY_ID_NAME = _ctx(cues.pattern({"any": tuple(name for names in cues.ID_NAMES.values() for name in names)}))
_NINO_WORDS = _named("gb_nino")


def _id(label: str, shape: str, valid: Callable[[str], bool], named: bool = True, confidence: float = 0.9,
        words: bool = False, distinctive: bool = False) -> _IdRule:
    """A rule for an id. named: its name must be near (context); words: without its name it may fire (a distinctive
    format with a checksum), and right after its name the format alone is enough; distinctive: see _IdRule."""
    names = _named(label)
    return _IdRule(label, re.compile(shape), valid, names if named else None, confidence,
                   names if words else None, _gate(label), distinctive)


_ID_RULES: tuple[_IdRule, ...] = (
    _IdRule("us_ssn", re.compile(r"(?<![\w-])\d{3}[-\u2010-\u2013]\d{2}[-\u2010-\u2013]\d{4}(?![\w-])"),
            _digits_only(ssn.is_valid), None, 0.85, _SSN_WORDS, _gate("us_ssn")),
    _IdRule("us_ssn", re.compile(r"(?<![\w.-])\d{3}[ .]?\d{2}[ .]?\d{4}(?![\w-]|[.]\d)"),
            _digits_only(ssn.is_valid), _SSN_WORDS, 0.95, None, _gate("us_ssn")),
    # (unnamed, in its own groups with spaces: "604 53 8217, DOB 3/22/79", "which is 166 03 5343": no phone is grouped
    # 3-2-4)
    _IdRule("us_ssn", re.compile(r"(?<![\w.+-])\d{3} \d{2} \d{4}(?![\w-]|[.,]\d| \d)"),
            _digits_only(ssn.is_valid), None, 0.8, _SSN_WORDS, _gate("us_ssn")),
    # (named, its groups apart or over lines: "SSN 604 - 38 - 1927", "it's\n604-\n38-\n1927")
    _IdRule("us_ssn", re.compile(r"(?<![\w-])\d{3}[ \t]*[-\u2010-\u2013][ \t]*\d{2}[ \t]*[-\u2010-\u2013][ \t]*\d{4}"
                                 r"(?![\w-])"),
            _digits_only(ssn.is_valid), _SSN_WORDS, 0.95, None, _gate("us_ssn")),
    _IdRule("us_itin", re.compile(r"(?<![\w-])9\d{2}[- ]?\d{2}[- ]?\d{4}(?![\w-])"),
            _digits_only(itin.is_valid), _ctx(r"(?:itin|tax id|tin|taxpayer)"), 0.95, None,
            frozenset({"itin", "tax", "tin", "taxpayer"})),
    _IdRule("gb_nino", re.compile(r"(?<![\w])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])"),
            _nino_valid, None, 0.9, _NINO_WORDS, _gate("gb_nino")),
    # (named, spelt out character by character: "NI no is s w 6 3 0 5 1 8 b")
    _IdRule("gb_nino", re.compile(r"(?i)(?<![\w])[a-ceghj-pr-tw-z] [a-ceghj-npr-tw-z](?: \d){6} [a-d](?![\w])"),
            lambda value: _nino_valid(value.replace(" ", "")), _NINO_WORDS, 0.95, None, _gate("gb_nino")),
    _IdRule("gb_nino",
            re.compile(r"(?i)(?<![\w])[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\d{2} ?\d{2} ?\d{2} ?[a-d](?![\w])"),
            _nino_valid, _NINO_WORDS, 0.95, None, _gate("gb_nino")),
    # any two letters (QQ is the well-known example prefix, never issued), and any last letter: only when named as a
    # NINO ("your NINO NF 26 59 11 E": mistyped, still the writer's)
    _IdRule("gb_nino", re.compile(r"(?i)(?<![\w])[a-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[a-z](?![\w])"),
            lambda value: False, _NINO_WORDS, 0.9, None, _gate("gb_nino")),
    # (an EIN is an employer's, a company's id: public; only a "tax id" in its shape may be a person's)
    _IdRule("us_tax_id", re.compile(r"(?<![\w-])\d{2}-\d{7}(?![\w-])"), lambda value: False,
            _ctx(r"(?:tax id|taxpayer id|tin)"), 0.9, None, frozenset({"tax", "taxpayer", "tin"})),
    _id("ca_sin", r"(?<![\w-])\d{3}[- ]?\d{3}[- ]?\d{3}(?![\w-])", _digits_only(sin.is_valid)),
    _id("de_idnr", r"(?<![\w-])\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\w-])", _digits_only(idnr.is_valid)),
    _id("fr_nir", r"(?<![\w-])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}(?![\w-])",
        _digits_only(nir.is_valid)),
    _id("es_dni", r"(?<![\w-])\d{8}-?[A-Za-z](?![\w])", _digits_only(dni.is_valid)),
    # (without its name too: eight digits and the capital their check letter is, one value in 23 by chance)
    _IdRule("es_dni", re.compile(r"(?<![\w-])\d{8}-?[A-Z](?![\w])"), _digits_only(dni.is_valid), None, 0.85, None,
            _gate("es_dni")),
    _id("es_nie", r"(?i)(?<![\w-])[xyz]-?\d{7}-?[a-z](?![\w])", _digits_only(nie.is_valid)),
    _id("it_codice_fiscale", r"(?i)(?<![\w])[a-z]{6}\d{2}[a-z]\d{2}[a-z]\d{3}[a-z](?![\w])", codicefiscale.is_valid,
        named=False, words=True, distinctive=True),
    _id("nl_bsn", r"(?<![\w.-])(?:\d{9}|\d{4}[ .]\d{2}[ .]\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\w-])",
        _digits_only(bsn.is_valid)),
    _id("in_aadhaar", r"(?<![\w-])\d{4}[ -]?\d{4}[ -]?\d{4}(?![\w-])", _digits_only(aadhaar.is_valid)),
    _id("br_cpf", r"(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-])", _digits_only(cpf.is_valid), named=False,
        words=True),
    _id("br_cpf", r"(?<![\w.-])\d{11}(?![\w-])", _digits_only(cpf.is_valid)),
    # more countries' ids, by their names in their languages (privacy_cues.ID_NAMES) and python-stdnum's checks
    _id("pl_pesel", r"(?<![\w-])\d{11}(?![\w-])", _stdnum(pesel)),
    _id("se_personnummer", r"(?<![\w-])(?:19|20)?\d{6}[-+ ]?\d{4}(?![\w-])", _stdnum_text(personnummer)),
    _id("dk_cpr", r"(?<![\w-])\d{6}[- ]?\d{4}(?![\w-])", _stdnum(cpr)),
    _id("no_fodselsnummer", r"(?<![\w-])\d{6} ?\d{5}(?![\w-])", _stdnum(fodselsnummer)),
    _id("fi_hetu", r"(?i)(?<![\w-])\d{6}[-+a-fu-y]\d{3}[0-9a-y](?![\w-])", _stdnum_text(hetu), distinctive=True),
    # (also in the groups people type it in: 4-4-3, 3-3-3-2)
    _id("tr_tckimlik", r"(?<![\w-])(?:[1-9]\d{10}|[1-9]\d{3} \d{4} \d{3}|[1-9]\d{2} \d{3} \d{3} \d{2})(?![\w-])",
        _stdnum(tckimlik)),
    _id("au_tfn", r"(?<![\w-])\d{3} ?\d{3} ?\d{2,3}(?![\w-])", _stdnum(tfn)),
    _id("be_nn", r"(?<![\w-])\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}(?![\w-])", _stdnum(nn)),
    _id("pt_nif", r"(?<![\w.-])\d{3} ?\d{3} ?\d{3}(?![\w-])", _stdnum(pt_nif)),
    _id("at_vnr", r"(?<![\w-])\d{4} ?\d{6}(?![\w-])", _stdnum(vnr)),
    # (its letters sometimes apart: "3491027 BA", as the card prints them)
    _id("ie_pps", r"(?i)(?<![\w-])\d{7} ?[a-w][a-iw]?(?![\w-])", _stdnum(pps)),
    _id("gb_nhs", r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w-])", _stdnum(nhs)),
    # (or as the card groups it, "850611 0372 081")
    _id("za_idnr", r"(?<![\w-])\d{6} ?\d{4} ?\d{3}(?![\w-])", _stdnum(za_idnr)),
    # (without its name too: a birth date, a citizenship digit and a Luhn digit in thirteen; a Maestro's thirteen
    # digits can read as one too, and are taken for it; a Visa's 4 cannot)
    _IdRule("za_idnr", re.compile(r"(?<![\w-])[0-9]\d{5} ?\d{4} ?\d{3}(?![\w-]|[.,]\d| \d)"),
            lambda value: value[0] != "4" and _stdnum(za_idnr)(value), None, 0.85, None, _gate("za_idnr")),
    # (its parts apart when named, as a PAN is read out: "pan card is BXRPM 7126 Q")
    _id("in_pan", r"(?i)(?<![\w])[a-z]{5} ?\d{4} ?[a-z](?![\w])", lambda value: pan.is_valid(value.replace(" ", ""))),
    # a Czech or Slovak rodné číslo (birth number: YYMMDD/XXX[X]); a Philippine TIN (no public check: its shape
    # after its name); a Singapore NRIC or FIN (its check letter, with its name near)
    _id("cz_rc", r"(?<![\w/-])\d{6} ?/? ?\d{3,4}(?![\w/-])", _stdnum(cz_rc)),
    # (its name in capitals, or lower case after an owner: "a tin can" is no TIN, "my tin is 417-…" is)
    _IdRule("ph_tin", re.compile(r"(?<![\w-])\d{3}-\d{3}-\d{3}(?:-\d{3,5})?(?![\w-])"), lambda value: False,
            re.compile(r"(?<![\w])(?:TIN|Tin|(?<=my )tin|(?<=your )tin)(?:\s+(?:[Nn]o\.?|[Nn]umber|ID))?(?![\w])|"
                       r"(?i:taxpayer identification number)"),
            0.9, None, _gate("ph_tin")),
    # (a format with a check letter: found unnamed too, "booked appt for my son T2144169J")
    _id("sg_nric", r"(?i)(?<![\w])[stfgm]\d{7}[a-z](?![\w])", _sg_nric, named=False, words=True),
    # (its letters apart when named, as it is read out: "NRIC S 7229851 I")
    _id("sg_nric", r"(?i)(?<![\w])[stfgm] \d{7} [a-z](?![\w])", lambda value: _sg_nric(value.replace(" ", ""))),
    # a Jamaican TRN (no public check: its shape after its name, "TRN 104-582-917")
    _IdRule("jm_trn", re.compile(r"(?<![\w-])\d{3}[- ]?\d{3}[- ]?\d{3}(?![\w-])"), lambda value: False,
            re.compile(r"(?<![\w])TRN(?:\s+(?:[Nn]o\.?|[Nn]umber))?(?![\w])|(?i:tax registration number)"),
            0.9, None, frozenset({"trn", "tax"})),
    # a Greek AMKA (birth date and Luhn), a NZ IRD number, a Romanian CNP, a Croatian OIB, a Lithuanian asmens kodas,
    # an Estonian isikukood, a Bulgarian EGN, a Slovenian EMŠO, an Icelandic kennitala: after their names
    _id("gr_amka", r"(?<![\w-])\d{11}(?![\w-])", _stdnum(amka)),
    _id("nz_ird", r"(?<![\w-])\d{2,3}[- ]?\d{3}[- ]?\d{3}(?![\w-])", _stdnum(ird)),
    # a NZ National Health Index number: three letters (no I or O), then four digits, or (issued from 2022) two
    # digits and two letters; no check in python-stdnum, so its shape after its name
    _IdRule("nz_nhi", re.compile(r"(?i)(?<![\w-])[a-hj-np-z]{3} ?\d{2}(?:\d{2}|[a-hj-np-z]{2})(?![\w-])"),
            lambda value: False, _named("nz_nhi"), 0.9, None, _gate("nz_nhi")),
    _id("ro_cnp", r"(?<![\w-])[1-9]\d{12}(?![\w-])", _stdnum(cnp)),
    _id("hr_oib", r"(?<![\w-])\d{11}(?![\w-])", _stdnum(oib)),
    _id("lt_asmens", r"(?<![\w-])[1-6]\d{10}(?![\w-])", _stdnum(asmens)),
    _id("ee_ik", r"(?<![\w-])[1-6]\d{10}(?![\w-])", _stdnum(ee_ik)),
    _id("bg_egn", r"(?<![\w-])\d{10}(?![\w-])", _stdnum(egn)),
    _id("si_emso", r"(?<![\w-])\d{13}(?![\w-])", _stdnum(emso)),
    _id("is_kennitala", r"(?<![\w-])\d{6}-?\d{4}(?![\w-])", _stdnum(kennitala)),
    # a Chilean RUT or RUN (check digit 0-9 or K), a Korean resident registration number (birth date, sex, check
    # digit), an Israeli id (Luhn-like check), an Argentine DNI (seven or eight digits, often with dots: no check), an
    # Indonesian NIK (region, birth date, serial), an Australian Medicare number: after their names
    _id("cl_rut", r"(?<![\w.-])\d{1,2}\.?\d{3}\.?\d{3}-?[\dkK](?![\w-])", _stdnum(cl_rut)),
    # (Korean glues its particles to the value too: "790211-1438255로", "…입니다")
    _id("kr_rrn", r"(?<![A-Za-z0-9_-])\d{6}(?: ?- ?| )?\d{7}(?![A-Za-z0-9_-])", _stdnum(kr_rrn)),
    _id("il_idnr", r"(?<![\w-])\d{8}-?\d(?![\w-])", _stdnum(il_idnr)),
    _id("ar_dni", r"(?<![\w.-])\d{1,2}\.\d{3}\.\d{3}(?![\w-]|[.,]\d)", _stdnum(ar_dni)),
    _id("id_nik", r"(?<![\w-])\d{16}(?![\w-])", _stdnum(id_nik)),
    _id("au_medicare", r"(?<![\w-])[2-6]\d{3} ?\d{5} ?\d(?:[ /-]?\d)?(?![\w-])", _au_medicare),
    # (without its name, in the card's own 4-5-1 grouping: "add my bub to the card 4471 28301 2")
    _IdRule("au_medicare", re.compile(r"(?<![\w-])[2-6]\d{3} \d{5} \d(?:[ /-]\d)?(?![\w-]|[.,]\d| \d)"), _au_medicare,
            None, 0.85, None, _gate("au_medicare")),
    # ids with no public check, in their shapes after their names (named, any value in the shape is one): a US
    # Medicare beneficiary identifier (eleven characters: a digit, a letter, then letters and digits in set places,
    # often in 4-3-4 groups), a Philippine PhilSys number (16 digits in fours), a Hungarian TAJ number (nine digits
    # in threes), a Polish identity card (three letters and six digits)
    _id("us_mbi", r"(?i)(?<![\w-])[1-9][ac-hj-km-np-rt-y][ac-hj-km-np-rt-y0-9]\d[ -]?[ac-hj-km-np-rt-y]"
        r"[ac-hj-km-np-rt-y0-9]\d[ -]?[ac-hj-km-np-rt-y]{2}\d{2}(?![\w-])", lambda value: False, distinctive=True),
    # (its twelve-digit PSN too, and a dash left at a line's end: "4821-7730-\n5196-2048")
    _id("ph_psn", r"(?<![\w-])\d{4}-? ?\d{4}-? ?\d{4}(?:-? ?\d{4})?(?![\w-])", lambda value: False),
    # a US Alien Registration Number (USCIS "A-number": an A and eight or nine digits), named by its card
    _id("us_a_number", r"(?<![\w-])A-?\d{3}-?\d{3}-?\d{2,3}(?![\w-])", lambda value: False),
    # (its bare name in capitals: "Taj Mahal" is no TAJ)
    _IdRule("hu_taj", re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{3}(?![\w-])"), lambda value: False,
            re.compile(r"(?<![\w])TAJ(?![\w])|(?i:(?<![\w])taj[\s-]?szám\w*|társadalombiztosítási azonosító)"), 0.9,
            None, _gate("hu_taj")),
    _id("pl_id_card", r"(?i)(?<![\w-])[a-z]{3} ?\d{6}(?![\w-])", lambda value: False),
    # a Japanese My Number (twelve digits, a check digit): its check and "My Number" in capitals (or in Japanese) near
    # it, since "my number is …" is a phone number
    # (the Japanese names inside a run of letters: "登録でマイナンバーを入れろ")
    _IdRule("jp_mynumber", re.compile(r"(?<![A-Za-z0-9_-])\d{4} ?\d{4} ?\d{4}(?![A-Za-z0-9_-])"), _stdnum(jp_in),
            re.compile(r"(?<![\w])(?:My Number|MY NUMBER|(?i:kojin bango|individual number))(?![\w])|マイナンバー|個人番号|"
                       r"マイナポータル|マイナカード"),  # (the My Number portal and card: their logins ask for it)
            0.9, None, frozenset({"number", "マイナンバー", "個人番号", "kojin", "individual", "マイナポータル",
                                  "マイナカード"})),
    # a Mexican CURP (four letters, birth date, sex, state, check digit) and a Finnish HETU with its century sign
    # ("210389-417C"): shapes no other number has, with their check digits, need no name
    _id("mx_curp", r"(?<![\w])[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d(?![\w])", _stdnum(curp), named=False,
        words=True),
    _id("fi_hetu", r"(?<![\w-])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![\w-])", _stdnum_text(hetu), named=False, words=True),
    # formats distinctive enough to need no name: a Swiss AHV number (756…, EAN-13 check), an Indian PAN in
    # capitals (the 4th letter says who holds it: P a person), a UK driving licence (a date inside)
    _id("ch_ssn", r"(?<![\w-])756\.?\d{4}\.?\d{4}\.?\d{2}(?![\w-])", _stdnum(ch_ssn), named=False, words=True),
    _id("in_pan", r"(?<![\w])[A-Z]{3}P[A-Z]\d{4}[A-Z](?![\w])", _stdnum(pan), named=False, words=True),
    # (a PPS number of today, two capitals after its seven digits, unnamed: "type 2457745GA exactly")
    _id("ie_pps", r"(?<![\w-])\d{7}[A-W][ABHTWX](?![\w-])", _stdnum(pps), named=False, words=True),
    # (its parts apart as the card prints them: "MORGA 905113 K9 9LT", "JONES 803299 A99 BR")
    # (named right before it, its shape is enough: "licence number was typed as KSUAL038885SA8HK", a date mistyped)
    _IdRule("gb_driving_licence", re.compile(r"(?<![\w])[A-Z9]{5} ?\d{6} ?[A-Z9]{2} ?\d ?[A-Z]{2}(?![\w])"),
            _gb_driving_licence, None, 0.85,
            _ctx(r"(?:driving\s+)?licen[cs]e(?:\s+(?:number|no\.?|#))?"), frozenset({"licence", "license"})),
    # ids of countries in Asia and the Gulf, after their names in their languages: a Chinese resident identity card
    # (18 characters, birth date, check), a Taiwan national id (a letter, sex, check), a Thai citizen id (13 digits,
    # check), a Malaysian MyKad (birth date, place, serial), a Hong Kong identity card (check digit in brackets), an
    # Emirates ID (784, birth year, Luhn: distinctive alone). Chinese and Thai names stand inside runs of letters
    # written without spaces, so their names are looked for without word boundaries (see _UNSPACED_ID_NAMES), and their
    # values may touch those letters ("我输的是31010…，"): only Latin letters and digits beside them make another thing.
    _IdRule("cn_ric", re.compile(r"(?<![A-Za-z0-9_-])\d{17}[\dXx](?![A-Za-z0-9_-])"), _stdnum(cn_ric), _unspaced("cn_ric"), 0.9,
            _unspaced("cn_ric"), _gate("cn_ric")),
    _IdRule("tw_id", re.compile(r"(?<![A-Za-z0-9-])[A-Za-z][12]\d{8}(?![A-Za-z0-9_-])"), _tw_id, _unspaced("tw_id"), 0.9,
            _unspaced("tw_id"), _gate("tw_id")),
    _IdRule("th_pin", re.compile(r"(?<![A-Za-z0-9_-])\d[- ]?\d{4}[- ]?\d{5}[- ]?\d{2}[- ]?\d(?![A-Za-z0-9_-])"), _stdnum(th_pin),
            _unspaced("th_pin"), 0.9, _unspaced("th_pin"), _gate("th_pin")),
    _id("my_nric", r"(?<![\w-])\d{6}[- ]?\d{2}[- ]?\d{4}(?![\w-])", _stdnum(my_nric), words=True),
    _id("hk_hkid", r"(?i)(?<![\w-])[a-z]{1,2}\d{6} ?\(?[0-9a]\)?(?![\w-])", _hk_id, words=True),
    _id("ae_eid", r"(?<![\w-])784[- ]?\d{4}[- ]?\d{7}[- ]?\d(?![\w-])", _ae_eid, named=False, words=True),
    # a Saudi national id or iqama (Luhn), a Ukrainian РНОКПП (python-stdnum), a Vietnamese CCCD (province 0xx,
    # century and sex, birth year, serial: no public check, its shape after its name), a German KVNR (a letter and
    # nine digits, check digit), a Portuguese cartão de cidadão (python-stdnum): after their names
    _id("sa_nid", r"(?<![\w-])[12]\d{9}(?![\w-])", _sa_nid),
    _id("ua_rntrc", r"(?<![\w-])\d{10}(?![\w-])", _stdnum(rntrc)),
    _id("vn_cccd", r"(?<![\w-])0\d{11}(?![\w-])", lambda value: False),
    _id("vn_cmnd", r"(?<![\w-])(?:\d{9}|\d{12})(?![\w-])", lambda value: False),
    _id("de_kvnr", r"(?i)(?<![\w-])[a-z] ?\d{9}(?![\w-])", _de_kvnr, distinctive=True),
    _id("pt_cc", r"(?i)(?<![\w-])\d{8} ?\d ?[a-z]{2}\d(?![\w-])", _stdnum(pt_cc), distinctive=True),
    # a German pension insurance number: its letter between digits and its check make it distinctive alone; after
    # its name, its shape ("12 150382 Ö 447", "12150382O447")
    _id("de_rvnr", r"(?<![\w-])\d{2} ?\d{6} ?[A-ZÄÖÜ] ?\d{3}(?![\w-])", _de_rvnr, named=False, words=True,
        distinctive=True),
    # a Greek ΑΦΜ (python-stdnum's gr.vat), a Russian ИНН of a person (twelve digits: a company's has ten), a Russian
    # СНИЛС, a Russian internal passport (a series of four digits, often 2 + 2, and six: no public check), a
    # Hungarian adóazonosító jel: after their names
    _id("gr_afm", r"(?<![\w-])\d{9}(?![\w-])", _stdnum(gr_vat)),
    _id("ru_inn", r"(?<![\w-])\d{12}(?![\w-])", _stdnum(ru_inn)),
    _id("ru_snils", r"(?<![\w-])\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2}(?![\w-])", _ru_snils),
    _id("ru_passport", r"(?<![\w-])\d{2} ?\d{2}[ №]{0,3}\d{6}(?![\w-])", lambda value: False),
    _id("hu_adoazonosito", r"(?<![\w-])8\d{9}(?![\w-])", _hu_adoazonosito),
    # a French numéro fiscal and a UK UTR (python-stdnum's fr.nif and gb.utr), their check holding, their name near;
    # a UTR named as a company's ("our UTR", "Corporation Tax UTR") is the company's (see _COMPANY_UTR)
    _id("fr_nif", r"(?<![\w-])[0-3]\d ?\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\w-])", _stdnum(fr_nif)),
    _id("gb_utr", r"(?<![\w-])\d{5} ?\d{5}(?![\w-])", _stdnum(gb_utr)),
    # a Spanish social security number (two digits of the province, eight, two check digits), an Indonesian NPWP
    _id("es_nss", r"(?<![\w-])\d{2}[ /-]?\d{8}[ /-]?\d{2}(?![\w-])|(?<![\w-])\d{2} \d{10}(?![\w-])", _es_nss),
    _id("id_npwp", r"(?<![\w.-])\d{2}\.?\d{3}\.?\d{3}\.?\d[.-]?\d{3}\.?\d{3}(?![\w-]|\.\d)", _stdnum(id_npwp)),
    # an Ontario health card: ten digits (Luhn) and its version code, after its name
    _id("ca_health", r"(?i)(?<![\w-])\d{4}[- ]?\d{3}[- ]?\d{3}(?:[- ]?[a-z]{2})?(?![\w-])", _luhn_digits),
    # (with its version code, after its name or introduced as the number further on, its check holding or not)
    _id("ca_health", r"(?<![\w-])\d{4}[- ]?\d{3}[- ]?\d{3}[- ]?[A-Z]{2}(?![\w-])", _luhn_digits, words=True),
    # the JMBG of Serbia, Bosnia and Herzegovina, Montenegro and North Macedonia (EMŠO's check), a Latvian personas
    # kods (a person's: 0-3 first), a Bulgarian ЛНЧ, a Moldovan IDNP, a Kazakh ИИН (birth date, check), a Belarusian
    # personal number (no public check), an Albanian personal number (python-stdnum's al.nipt), a Greek or Cypriot
    # identity card (no public check), a Maltese identity card (digits and a letter), a Belgian BIS number and eID
    # card number, a Finnish veronumero: after their names
    _id("yu_jmbg", r"(?<![\w-])\d{13}(?![\w-])", _stdnum(emso)),
    _id("lv_pk", r"(?<![\w-])[0-3]\d{5}-?\d{5}(?![\w-])", _stdnum(lv_pvn)),
    _id("bg_pnf", r"(?<![\w-])\d{4} ?\d{3} ?\d{3}(?![\w-])", _stdnum(bg_pnf)),
    _id("md_idnp", r"(?<![\w-])[029]\d{12}(?![\w-])", _stdnum(md_idno)),
    _id("kz_iin", r"(?<![\w-])\d{6} ?\d{6}(?![\w-])", _kz_iin),
    _id("by_personal", r"(?i)(?<![\w-])\d{7}[a-z]\d{3}[a-z]{2}\d(?![\w-])", lambda value: False, distinctive=True),
    _id("al_nid", r"(?i)(?<![\w-])[a-t]\d{8}[a-z](?![\w-])", _stdnum(al_nipt), distinctive=True),
    _id("gr_adt", r"(?<![\w-])(?:[A-ZΑ-Ω]{1,2}[- ]?)?\d{6,10}(?![\w-])", lambda value: False),
    _id("mt_id", r"(?i)(?<![\w-])\d{3,7} ?[mgaplhbz](?![\w-])", lambda value: False),
    _id("be_bis", r"(?<![\w-])\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}(?![\w-])|(?<![\w-])\d{2} \d{2} \d{2} \d{3} \d{2}(?![\w-])",
        _stdnum(be_bis)),
    _id("be_eid", r"(?<![\w-])\d{3}[- ]?\d{7}[- ]?\d{2}(?![\w-])", _stdnum(be_eid)),
    _id("fi_veronumero", r"(?<![\w-])\d{12}(?![\w-])", _stdnum(veronumero)),
    # a Latin American cédula or carnet de identidad (with a country's letter, in dotted thousands, in the groups of
    # the Dominican Republic or Costa Rica, or whole: a check of Ecuador, the Dominican Republic, Costa Rica, Cuba or
    # Uruguay, none elsewhere), an Argentine CUIT or CUIL, a NIT (Colombia, Guatemala, El Salvador), a Venezuelan
    # RIF, a Peruvian DNI (its check digit or letter after a dash), a Guatemalan DPI (no public check), a Salvadoran
    # DUI, an Andorran NRT of a person: after their names (an organisation's is left alone: _organisations_tax_id)
    # (and Spain's DNI when called a cédula: "el número de tu cédula 26718394F")
    _id("latam_cedula", r"(?<![\w.-])(?:[VEve][- ]?)?(?:\d{1,3}(?:[.,]\d{3}){1,3}(?:-[\dkK])?|\d{3}-\d{7}-\d|"
        r"\d{1,2}-\d{3,4}-\d{3,4}|\d{6,12}(?:-?\d|-?[A-Za-z])?)(?![\w-]|[.,]\d)", _latam_cedula),
    _id("ar_cuit", r"(?<![\w-])\d{2}[- ]?\d{8}[- ]?\d(?![\w-])", _stdnum(ar_cuit)),
    _id("latam_nit", r"(?<![\w.-])(?:\d{1,3}(?:\.\d{3}){1,3}|\d{4}-\d{6}-\d{3}|\d{4,14})-?[\dkK](?![\w-]|[.,]\d)",
        lambda value: any(m.is_valid(re.sub(r"[^0-9Kk]", "", value).upper()) for m in (co_nit, gt_nit, sv_nit))),
    _id("ve_rif", r"(?i)(?<![\w-])[vejpg][- ]?\d{8}[- ]?\d(?![\w-])", _stdnum(ve_rif)),
    _id("pe_cui", r"(?<![\w.-])\d{8}(?:[- ]?[\dA-K])?(?![\w-]|[.,]\d)",
        lambda value: len(value) > 8 and bool(pe_cui.is_valid(re.sub(r"[^0-9A-K]", "", value)))),
    _id("gt_dpi", r"(?<![\w-])\d{4} ?\d{5} ?\d{4}(?![\w-])", lambda value: False),
    _id("sv_dui", r"(?<![\w-])\d{8}-?\d(?![\w-])", _sv_dui),
    _id("ad_nrt", r"(?i)(?<![\w-])[fe]-?\d{6}-?[a-z](?![\w-])", _stdnum(ad_nrt)),
    # a Pakistani CNIC (5-7-1), a Sri Lankan NIC (old: nine digits and V or X; new: twelve; a day of the year inside),
    # an Indian voter id (EPIC), a British Columbia PHN, an Egyptian national number (century, birth date,
    # governorate), a Nigerian NIN or BVN (no public check), a Kenyan KRA PIN of a person (A…), a Mauritian national
    # id, an Iranian national code (check by hand), a Vietnamese personal tax code, a Maghreb CIN (no public check):
    # after their names; a Ghana card's number (GHA-, nine digits, one) needs none
    _id("pk_cnic", r"(?<![\w-])\d{5}[- ]?\d{7}[- ]?\d(?![\w-])", _stdnum(pk_cnic)),
    _id("lk_nic", r"(?i)(?<![\w-])(?:\d{9}[vx]|(?:19|20)\d{10})(?![\w-])", _lk_nic),
    _id("in_epic", r"(?i)(?<![\w-])[a-z]{3}\d{7}(?![\w-])", _stdnum(epic)),
    _id("ca_bc_phn", r"(?<![\w-])9\d{3} ?\d{3} ?\d{3}(?![\w-])", _stdnum(bc_phn)),
    _id("eg_nid", r"(?<![\w-])[23]\d{13}(?![\w-])", _eg_nid),
    # (spaced as the slips print it, 3-4-4: a phone is written 4-3-4, "0803 412 7786")
    _id("ng_nin", r"(?<![\w-])(?:\d{11}|\d{3} \d{4} \d{4}|\d{4} \d{4} \d{3}|\d{3}-\d{4}-\d{4})(?![\w-])",
        lambda value: False),
    _id("ke_pin", r"(?i)(?<![\w-])a\d{9}[a-z](?![\w-])", _stdnum(ke_pin), distinctive=True),
    _id("ke_health", r"(?i)(?<![\w-])(?:cr)?\d{6,12}(?![\w-])", lambda value: False),
    _id("gh_card", r"(?i)(?<![\w-])gha-?\d{9}-?\d(?![\w-])", lambda value: True, named=False, words=True,
        distinctive=True),
    # (a Ghanaian TIN of a person: P and ten digits, "your Ghana Card TIN P0837407184"; no public check)
    _id("gh_tin", r"(?<![\w-])P\d{10}(?![\w-])", lambda value: False, distinctive=True),
    # (a Tanzanian NIDA number: the birth date, then 5-5-2 digits, "19880314-14125-00003-27"; a Ugandan NIN: CM or CF,
    # eight digits, four capitals, "CF92014103XKPA"; neither has a public check)
    _id("tz_nida", r"(?<![\w-])(?:19|20)\d{6}-?\d{5}-?\d{5}-?\d{2}(?![\w-])", lambda value: False, distinctive=True),
    _id("ug_nin", r"(?<![\w-])C[MF]\d{8}[A-Z0-9]{4}(?![\w-])", lambda value: False, distinctive=True),
    _id("mu_nid", r"(?i)(?<![\w-])[a-z]\d{12}[a-z0-9](?![\w-])", _stdnum(mu_nid), distinctive=True),
    _id("ir_melli", r"(?<![\w-])\d{3}-?\d{6}-?\d(?![\w-])", _ir_melli),
    _id("vn_mst", r"(?<![\w-])\d{10}(?:-\d{3})?(?![\w-])", _stdnum(vn_mst)),
    _id("maghreb_cin", r"(?i)(?<![\w-])(?:[a-z]{1,2} ?\d{5,6}|\d{8})(?![\w-])", lambda value: False),
    # Brazil's PIS/PASEP and SUS card (their checks by hand), voter's title and RG (no public check); Mexico's clave de
    # elector (six letters, birth date, sex, three digits) or the INE card's numbers; Australia's Centrelink CRN (nine
    # digits and a letter); India's ABHA (fourteen digits); Quebec's RAMQ card (four letters, eight digits); a Gulf
    # civil id: after their names
    _id("br_pis", r"(?<![\w.-])\d{3}\.?\d{5}\.?\d{2}-?\d(?![\w-]|[.,]\d)", _br_pis),
    _id("br_cns", r"(?<![\w-])[12789]\d{2} ?\d{4} ?\d{4} ?\d{4}(?![\w-])", _br_cns),
    _id("br_titulo", r"(?<![\w-])\d{4} ?\d{4} ?\d{4}(?![\w-])", lambda value: False),
    _id("br_rg", r"(?<![\w.-])\d{1,2}\.?\d{3}\.?\d{3}-?[\dXx](?![\w-]|[.,]\d)", lambda value: False),
    _id("mx_ine", r"(?i)(?<![\w-])(?:[a-z]{6}\d{8}[hm]\d{3}|\d{13}|\d{9})(?![\w-])", lambda value: False),
    _id("au_crn", r"(?i)(?<![\w-])\d{3} ?\d{3} ?\d{3} ?[a-z](?![\w-])", lambda value: False),
    _id("in_abha", r"(?<![\w-])\d{2}[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}(?![\w-])", lambda value: False),
    _id("ca_ramq", r"(?i)(?<![\w-])[a-z]{4} ?\d{4} ?\d{4}(?![\w-])", lambda value: False),
    _id("gulf_civil", r"(?<![\w-])\d{8,12}(?![\w-])", lambda value: False),
    # a person's RUC of Ecuador, Peru or Paraguay (python-stdnum's checks; a company's: _organisations_tax_id), a
    # Luxembourg matricule (a birth date first), a South African income tax number (python-stdnum's za.tin); a
    # Philippine SSS (2-7-1), PhilHealth (2-9-1), Pag-IBIG or UMID (4-4-4, 4-7-1) number, a Bangladeshi NID (10, 13
    # or 17 digits), an Indian UAN (twelve digits): no public check, after their names
    _id("latam_ruc", r"(?<![\w.-])\d{6,13}(?:-\d)?(?![\w-]|[.,]\d)",
        lambda value: any(m.is_valid(re.sub(r"\D", "", value)) for m in (ec_ruc, pe_ruc, py_ruc))),
    _id("lu_matricule", r"(?<![\w-])(?:19|20)\d{2} ?\d{4} ?\d{5}(?![\w-])", _lu_matricule),
    _id("za_tin", r"(?<![\w-])[01239]\d{3} ?\d{3} ?\d{3}(?![\w-])", _stdnum(za_tin)),
    _id("ph_sss", r"(?<![\w-])(?:\d{2}-?\d{7}-?\d|\d{2}-?\d{9}-?\d|\d{4}-?\d{4}-?\d{4}|\d{4}-?\d{7}-?\d)(?![\w-])",
        lambda value: False),
    _id("bd_nid", r"(?<![\w-])(?:\d{10}|\d{13}|\d{17}|\d{3} \d{3} \d{4}|\d{4} \d{4} \d{2})(?![\w-])", lambda value: False),
    _id("in_uan", r"(?<![\w-])\d{4} ?\d{4} ?\d{4}(?![\w-])", lambda value: False),
)
# Digits in groups of any size, apart by spaces, dots, dashes, slashes or underscores, a letter or two before or after
# (an id regrouped: see Detector._regrouped_ids); beside letters of scripts written without spaces ("是31010…")
# (its letters apart from each other are a regrouping too: "H M 922703 D")
_ID_REGROUPED = re.compile(
    r"(?<![A-Za-z0-9_/.-])(?:(?:[A-Z] ?){0,2}\d(?<!\d\d)\d*(?:[ ./_-]\d\d*){1,8}|[A-Z] [A-Z] ?\d\d*)"
    r"(?:[ -]?[A-Z]){0,2}(?![A-Za-z0-9_/-]|\.\d)")
# (a national id named, then given in pieces: see _PIECES_LEAD; a letter apart from digits, or five short groups)
_ID_PIECES_GATE = re.compile(r"(?<![^\W\d_])[A-Za-z][^\S\n]*[,.\-/]?[^\S\n]*\d|\d[^\S\n]*[,.\-/]?[^\S\n]*[A-Za-z](?![^\W\d_])|"
                              r"[A-Z]{2,6}[^\S\n]+\d|(?<!\d)\d{1,3}(?:[ .\-/]\d{1,3}){4,}(?!\d)")
# A French NIR written in its groups (1 85 05 78 006 084 36): no other number is written so
_NIR_GROUPED = re.compile(r"(?<![\w-])[12] \d{2} \d{2} (?:\d{2}|2[AB]) \d{3} \d{3} \d{2}(?![\w-])")
_UNNAMED_ID_RULES = tuple(rule for rule in _ID_RULES if rule.context is None)
_UNNAMED_ID_INDEXES = frozenset(index for index, rule in enumerate(_ID_RULES) if rule.context is None)
_PAN_RULES = tuple(rule for rule in _ID_RULES if rule.label == "in_pan")
_MBI_RULES = tuple(rule for rule in _ID_RULES if rule.label == "us_mbi")
_MBI_GATE = _gate("us_mbi")
_NHI_RULES = tuple(rule for rule in _ID_RULES if rule.label == "nz_nhi")
_NHI_GATE = _gate("nz_nhi")
_FIVE_CAPITALS = re.compile(r"[A-Z9][A-Z9]{4}")  # (not [A-Z9]{5}: a repeat first is tried at every character)
_HETU_SIGN = re.compile(r"\d[-+A-FU-Y]\d")
# Cheap tests before the shapes of ids that need no name, each for a piece every such shape holds, made once a text
# (those written digit first let the regex engine skip from digit to digit: the shapes start with a look-behind)
_UNNAMED_ID_PRECHECKS = {
    "in_pan": _FIVE_CAPITALS,                                       # ABCPE1234F
    "gb_driving_licence": _FIVE_CAPITALS,                           # MORGA753116SM9IJ
    "mx_curp": _FIVE_CAPITALS,                                      # GODE561231HDFRRN09
    "fi_hetu": _HETU_SIGN,                                          # 131052-308T (a century sign between digits)
    "us_ssn": re.compile(r"\d[-\u2010-\u2013]\d|\d \d\d \d"),       # 123-45-6789, 123 45 6789
    "br_cpf": re.compile(r"\d\.\d"),                                # 123.456.789-09
    "gb_nino": re.compile(r"\d(?:(?<=[A-Z]\d)|(?<=[A-Z] \d))"),      # AB 12 34 56 C
    "it_codice_fiscale": _LETTER_THEN_DIGIT,                        # RSSMRA85T10A562S
    "de_rvnr": re.compile(r"\d ?[A-ZÄÖÜ] ?\d\d\d"),                  # 12 150382 Ö 447
}
# The id rules with a cheap test of their own before their shape is searched (see _national_ids)
# (and those that start with the same digits or letters whatever they hold: a Swiss AHV number, an Emirates ID, a Ghana
# card's number)
_ID_PREFIXES = {"ch_ssn": "756", "ae_eid": "784", "gh_card": "GHA"}
_PRECHECKED_ID_LABELS = frozenset({*_ID_PREFIXES, *_UNNAMED_ID_PRECHECKS})
_PHONE_GROUPS = re.compile(r"\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}")
_A_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](?:\d{2}|\d{4})|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_PAN_SHAPE = re.compile(r"(?i)(?<![\w])[a-z]{5} ?\d{4} ?[a-z](?![\w])")
_DIGITS = re.compile(r"\d\d*")  # (not \d+: a repeat first is tried at every character)
# An id's or an account's short name joined to its value by a hyphen or an underscore ("CNIC-35202-1234567-1",
# "ssn_078-05-1120", "acct-7730012845"): read as a space, so the value is found as after "CNIC " (the id rules want
# no letter or hyphen right before a value, which keeps them off references such as "ORD-2024-…"). Only names no
# reference is made of ("PAN-", "INN-" and "TIN-" start product and room codes too), and only before a value whose
# first digit comes within its first three characters ("NHS-APT-20041" is an appointment's reference).
_GLUED_ID_NAMES = frozenset((
    "aadhaar aadhar acct afm ahv amka avs bsn bvn cnic cnp cpf cpr cuil cuit curp dni egn emso epf fnr hetu hkid iban "
    "iin insee ird itin jmbg ktp kvnr mykad nhs nic nicop nid nie nif nik nin nino nir npwp nric oib pesel pps ppsn "
    "rrn rut snils ssn sss svnr tckn tfn uan umid utr").split())
_GLUED_ID_NAME = re.compile(rf"(?i)\b(?P<name>{'|'.join(sorted(_GLUED_ID_NAMES, key=len, reverse=True))})[-_](?=[a-z]{{0,2}}\d)")
_DATE_GOES_ON = re.compile(r"[/.]\d")  # a number that is a date's first part ("12/26", "12.2026")
_SLASHED_CODE = re.compile(r"[ \t]?/[ \t]?(?P<code>\d{3,4})(?![\d/.-])")  # "4111-…-1111/123", not "/09/27"
_SPACED_DIGITS = re.compile(r"\d \d \d")  # (an id written digit by digit: see _spaced_ids)
_ID_RULES_BY_WORD: dict[str, list[int]] = {}
for _index, _rule in enumerate(_ID_RULES):
    for _word in _rule.gate:
        _ID_RULES_BY_WORD.setdefault(_word, []).append(_index)
# Names of ids in scripts without spaces between words: searched for inside a text's runs of letters
_UNSPACED_ID_NAMES = re.compile("|".join(p for label in ("cn_ric", "tw_id", "th_pin", "hk_hkid", "jp_mynumber")
                                         for p in cues.ID_NAMES[label] if not p.isascii()))
_UNSPACED_ID_GATE = frozenset().union(*(_gate(label) for label in ("cn_ric", "tw_id", "th_pin", "hk_hkid"))) | \
    frozenset(name for name in cues.ID_NAMES["jp_mynumber"] if not name.isascii())
# Words of every id's name: without one, only _UNNAMED_ID_RULES can fire (and each named rule only with its own)
_ID_GATE_WORDS = frozenset().union(*(rule.gate for rule in _ID_RULES))
# An organisation's own ids and reference numbers: a number right after one of these is no person's id
_COMPANY_ID_WORDS = re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.COMPANY_ID_WORDS)}(?![\w-])")
_ID_VETO = re.compile(rf"(?i)\b(?:sku|part|model|item|ref|order|invoice|serial|isbn|lot|batch|policy)\b|"
                      rf"{_COMPANY_ID_WORDS.pattern[4:]}")
# A document's names are looked for only in the languages whose words are in the text (English's always), so that
# each language added costs only the texts written in it: _document_patterns(languages) builds and keeps the patterns
_DOCUMENT_LANGUAGE_GATES = tuple((lang, cues.gate(cues.DOCUMENT_WORDS, languages=[lang])) for lang in cues.DOCUMENT_WORDS
                                 if lang not in cues.UNSPACED_LANGUAGES and lang != "en")
_UNSPACED_DOCUMENT_NAMES = cues.pattern(cues.DOCUMENT_WORDS, cues.UNSPACED_LANGUAGES)
_DOCUMENT_NUMBER_SOURCE = (
    r"(?i)(?:(?<![\w-])(?P<label><NAMES>|pan|tfn|"
    r"tax file number|nhs|ssn|nino|aadhaar|aadhar)(?![\w-])<UNSPACED>)"
    # (a comma may stand before the number's word: "carta d'identità, numero CA41872KR")
    # (and Spanish and Portuguese "n.º"; the number's word in more languages: "numărul", "broj", "száma", "номер")
    r"(?:\s*,?\s*(?:number|no\.?|num|nr\.?|#|nummer|numéro|número|numero|numer|n\.?\s?[°º]\.?|numaram|numarası|"
    r"numaranız|numărul|numarul|broj|szám|száma|számom|numeris|numurs|номер|番号|号码|號碼|号))?"
    # ("is" in more languages: "je", "е", "là", "adalah", "ni", "είναι", "是", "は")
    r"\s*[,.]?\s*(?:is|was|:|=|to|es|ist|est|è|é|er|är|jest|lautet|je|е|là|adalah|ialah|ni|είναι|yra|ir|on|是|为|為|は|："
    r")?\s*"
    # (a letter and three groups of three digits: a US A-number, "A-207 418 365"; two capitals and six digits, a
    # Romanian identity card's series and number, "RX 123456"; capitals in Cyrillic, a Ukrainian licence's "ВХЕ123456")
    r"(?P<value>[A-Za-z]-?\d{3}[ -]\d{3}[ -]\d{3}|\d{2,5}(?:[ /-]\d{1,7}){1,4}(?:\s?[A-Za-z]{1,2}\b)?|\d(?: \d){5,11}|"
    r"[A-Z]{2} \d{6}|(?=[A-Za-z0-9А-ЯЁІЇЄҐ-]*\d)[A-Za-z0-9А-ЯЁІЇЄҐ][A-Za-z0-9А-ЯЁІЇЄҐ-]{4,23})"
    # (a particle may follow in Japanese, Chinese and Korean: "TZ1234567です")
    r"(?![A-Za-z0-9А-Яа-яЁёІіЇїЄєҐґ_-])")
# (Japanese, Chinese and Thai names inside a run of letters: "私のパスポート番号はTZ1234567です", "我的护照号码是…")
_UNSPACED_DOCUMENT_LABEL = rf"|(?P<unspaced>{_UNSPACED_DOCUMENT_NAMES})"
# (its first letters first: one class of characters is looked for faster than the names)
_UNSPACED_DOCUMENT_FIRST = re.compile("[" + "".join(sorted({p[0] for p in cues.phrases(
    cues.DOCUMENT_WORDS, cues.UNSPACED_LANGUAGES)})) + "]")
_UNSPACED_DOCUMENT_GATE = re.compile(_UNSPACED_DOCUMENT_NAMES)
# "appointment app wants DL # and says D4829173 isn't a california license": a document's number a few words after its
# name in the same sentence, in the shape licences and passports are numbered in (one or two capitals and 6-9 digits)
# Also a letter and digits in space-apart groups ("real ID number is S3829 41775 06219"), and a run of 8-10 digits
# right after "is", "to", ":" or in brackets ("passport number changed after renewal, new one is 584120937", "updated
# the passport number on your booking to 676014983", "the passport number on the form (533108274)")
_DOCUMENT_NUMBER_LATER_SOURCE = (
    r"(?i)(?<![\w-])(?P<label><NAMES>)(?![\w-])(?:[^.!?\n\d]|(?<=\bnr)\.|(?<=\bno)\.){1,60}?"
    # (three capitals in Spain's and Poland's passports, a capital after the digits in the Philippines': "PAK481273",
    # "P4827193B")
    r"(?<![\w-])(?P<value>(?-i:[A-Z]{1,3}\d{6,9}[A-Z]?|[A-Z]\d{3,5}(?: \d{4,5}){1,3})|"
    # (and as the record shows it: "now reads 573902184", "we have it as …"; "Sie lautet C4J7R2VN8": a passport's
    # capitals and digits mixed, three digits or more, after the words that give it)
    r"(?:(?<=is )|(?<=to )|(?<=: )|(?<=ist )|(?<=est )|(?<=es )|(?<=è )|(?<=é )|(?<=är )|(?<=er )|(?<=\()|"
    # (or after a comma closing the words about it: "the passport number you uploaded, 547…")
    r"(?<=reads )|(?<=as )|(?<=lautet )|(?<=nr\. )|(?<=no\. )|(?<=nº )|(?<=n° )|(?<=n\.º )|(?<=, ))(?:\d{8,10}|"
    r"(?-i:(?=[A-Z]*\d[A-Z]*\d[A-Z]*\d)(?=\d*[A-Z]\d*[A-Z])[A-Z0-9]{8,9})))"
    r"(?![\w-]|[.,]\d)")


@functools.lru_cache(maxsize=64)
def _document_patterns(languages: tuple[str, ...], unspaced: bool) -> tuple[re.Pattern, re.Pattern]:
    """A document's number right after its name and later in its sentence (_DOCUMENT_NUMBER_SOURCE,
    _DOCUMENT_NUMBER_LATER_SOURCE), its names in English and these languages (and the Japanese, Chinese and Thai ones
    inside runs of letters when unspaced)."""
    names = cues.pattern(cues.DOCUMENT_WORDS, ("en", *languages))
    return (re.compile(_DOCUMENT_NUMBER_SOURCE.replace("<NAMES>", names).replace(
                "<UNSPACED>", _UNSPACED_DOCUMENT_LABEL if unspaced else "")),
            re.compile(_DOCUMENT_NUMBER_LATER_SOURCE.replace("<NAMES>", names)))


def _document_languages(words: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The languages other than English whose documents' names may be in a text of these words."""
    return tuple(lang for lang, gate in _DOCUMENT_LANGUAGE_GATES if not gate.isdisjoint(words))


# a reference's name after a preposition and an article: where a document's number is kept, not the reference's own
# (a brand's name may come between: "on your Skyvault Air booking")
_FOR_THE_THING = re.compile(r"(?i)\b(?:for|on|in|with|to)\s+(?:the|your|this|that|my|our)\s+(?-i:[A-Z][\w&'’-]*\s+){0,3}$")
# a group of a value written all in X: masked ("XXX-XX-8204", "xxxx xxxx 4417"), the digits left are no value
_MASKED_GROUP = re.compile(r"(?i)(?<![^\W\d_])x{2,}(?![^\W\d_])")
# what may stand between another thing's name and its own number ("booking ref AB123456", "order no. 48213377")
_OWN_NUMBER_GAP = re.compile(r"(?i)[\s:#.]*(?:(?:ref(?:erence)?|number|no|nr|num|code|id)\b[\s:#.]*)?(?:(?:is|was)\s*)?")
# "I added license D420-8831-7764 (IL)", "licence no. is B12-345-678-901": a licence's number in the shapes US states
# and provinces give them (a letter and digits in dashed groups, or one or two letters and 7-14 digits) right after
# "license"/"licence" (a software licence key has letters inside its groups; a plate has fewer digits)
# Where a licence's number is kept, and what it was set to there: "… on your reservation to …", "… on your hire
# agreement to …"
_LICENCE_KEPT_ON = (r"\s+on\s+(?:your|the|my|his|her|their)\s+(?:reservation|booking|file|account|profile|record|rental|"
                    r"(?:hire|rental)\s+agreement)\s+(?:to|as|is)")
_LICENCE_NUMBER = re.compile(
    # (and its number in the next few words: "won't read my license. number is D08813742")
    r"(?i)(?<![\w-])licen[cs]e(?![\w-])(?:[.,;:!]?\s+(?:the\s+|its\s+|it['’]?s\s+)?(?:number|no\.?|num|#))?"
    # (or where it is kept, then its state: "updated the driver's license on your reservation to IL D402-7738-1559")
    rf"(?:{_LICENCE_KEPT_ON}(?=\s+(?-i:[A-Z]{{2}}\s+)?[A-Z]{{1,2}}\d))?"
    r"\s*(?:is|was|:|#|as)?\s*(?:(?-i:[A-Z]{2})\s+(?=[A-Z]{1,2}\d))?"
    r"(?P<value>(?-i:[A-Z]{1,2}\d{2,4}(?:[- ]\d{2,5}){2,4}|[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d|[A-Z]{1,2}\d{6,14}))"
    r"(?![\w-])"
    # (an Australian state's licence of digits: "NSW licence 04821563 matches the booking")
    # (in capitals or not, its digits grouped or not: "qld licence 091 478 265"; or the state before the digits, "the
    # licence on your hire agreement to NSW 0483 9271")
    r"|(?<![\w-])(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+(?:driver['’]?s\s+)?licen[cs]e(?:\s+(?:number|no\.?|#))?\s*"
    r"(?:is|:|#)?\s*(?P<state_value>\d{6,10}|\d{3,4}(?:[ -]\d{3,4}){1,2})(?![\w-]|[ -]\d)"
    rf"|(?<![\w-])licen[cs]e{_LICENCE_KEPT_ON}\s+(?-i:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+"
    r"(?P<agreement_value>\d{6,10}|\d{3,4}(?:[ -]\d{3,4}){1,2})(?![\w-]|[ -]\d)")
# "your ID 8804286399156", "my ID number is …", "ID no: …", "identity number …": an id named only as "ID". With
# the owner's word before "ID", or "number" after it, the value (six digits or more) is a person's id, whatever
# country's: labelled so, it is sensitive whether or not it validates. ("user ID", "order ID", "Apple ID" have
# another word before "ID" and are not matched.)
# ... or named so right after it: "33018472 is my ID no", "A1234567 is her national ID number"
_OWN_ID_AFTER = re.compile(
    r"(?i)(?<![\w-])(?P<value>(?=(?:[A-Za-z -]*\d){6})[A-Za-z]{0,2}\d[\d -]{4,18}\d[A-Za-z]?)(?![\w-])"
    r"\s+(?:(?:is|was|=)\s+(?:my|his|her|their)\s+(?:national\s+|identity\s+|personal\s+)?"
    r"(?:id|identity|i\.d\.)|"
    # ("567309184 is now saved as the passport number on your booking")
    r"(?:is|was|has\s+been)\s+(?:now\s+)?(?:saved|stored|recorded|listed|added|updated)\s+as\s+(?:the|your|my|his|her)\s+"
    r"(?:passport|driver['’]?s\s+licen[cs]e|driving\s+licen[cs]e|licen[cs]e|national\s+id|id))"
    r"(?:\s*(?:card\s+)?(?:number|no\.?|nr\.?|num|#))?(?![\w])")
_OWN_ID = re.compile(
    r"(?i)(?:\b(?:my|your|his|her|their|ur)\s+(?:national\s+|identity\s+|personal\s+|gov(?:ernment)?\s+)?"
    r"(?:id|identity|ident|i\.d\.)(?:\s*(?:card\s+)?(?:number|no\.?|nr\.?|num|#))?|"
    r"(?<![\w-])(?:id|identity|identity card)\s*(?:number|no\.?|nr\.?|#))(?![\w])"
    # ("… updated your ID number to …", "… has your ID number as …")
    r"\s*[,.]?\s*(?:is|was|:|=|to|as)?\s*[\"'“(]?"
    r"(?P<value>(?=(?:[A-Za-z -]*\d){6})[A-Za-z]{0,2}\d[\d -]{4,18}\d[A-Za-z]?)(?![\w-])")
# An id's or a document's name, then (in its sentence or the next) the value referred back to it: "national insurance
# number is wrong, it's BG 72 41 96 C", "passport number on the booking …, its 48210937 6", "my license number didnt
# scan. its D420-8831-7764". Named so, a value in an id's shape (six digits or more, letters before or after) is one,
# valid or not.
_ID_NAME_PHRASES = [p for p in cues.phrases({"ids": tuple(n for names in cues.ID_NAMES.values() for n in names),
                                             **cues.DOCUMENT_WORDS})
                    if len(p) >= 4 and p not in ("social", "documento", "permis", "patente", "carnet", "ausweis")]
_ID_NAME_ANY = "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?").replace("'", "['’]")
                                for p in _ID_NAME_PHRASES) + ")"
_ID_NAME_BEFORE = re.compile(rf"(?i)(?<![\w-]){_ID_NAME_ANY}(?![\w-])")
# (what is looked for first: the words referring back, then the value; only then its name in the 100 characters before)
# (what is looked for first: a value in an id's shape; then the words referring back right before it; only then the
# id's name in the 100 characters before those)
_ID_REFERRED_VALUE = re.compile(
    r"(?<![\w-])(?P<value>(?:[A-Z]{1,2}[ -]?)?\d+(?:[ -]\d+){0,4}(?:[ -]?[A-Z])?|"
    # (a passport's capitals and digits mixed, three digits or more: "C4J7R2VN8")
    r"(?=[A-Z]*\d[A-Z]*\d[A-Z]*\d)(?=\d*[A-Z]\d*[A-Z])[A-Z0-9]{8,9})(?![\w-])")
_ID_REFERRED = re.compile(
    r"(?i)(?<![\w'’])(?:it['’]?s|it\s+is|it\s+was|that['’]?s|which\s+is|c['’]est|das\s+ist|es\s+ist|es|è|é|"
    r"(?:sie|er|es)\s+lautet|it\s+reads|"
    # ("the kiosk won't read my license. number is D08813742")
    r"(?:the\s+)?(?:number|no\.?|nr\.?|#)\s*(?:is|was|:)|"
    # (the document's card number after it is named: "Aufenthaltstitel abgelaufen … Kartennummer Y72K9F4R1")
    r"(?:karten|dokument|dokumenten)nummer\s*:?|(?:the\s+)?card\s+(?:number|no\.?)\s*(?:is|was|:)?)"
    r"[^\S\n]*[:\"'“(]?[^\S\n]*$")
_ID_REFERRED_GATE = frozenset(w for w in cues.gate({"any": tuple(_ID_NAME_PHRASES)}) if len(w) >= 3) - \
    frozenset("number state file personal social tax".split())
_MIXED_DOCUMENT_NUMBER = re.compile(r"(?=\d*[A-Z]\d*[A-Z])[A-Z0-9]{8,9}")
# the words referring back (a text without one cannot match _ID_REFERRED)
_REFERRING_WORDS = frozenset("it its that thats which c das es è é number no nr sie er kartennummer dokumentnummer "
                             "dokumentennummer card".split())
# "ID 8809165129087", "the ID we have is …": an id named only as "ID", with no owner's word; a value of ten digits
# or more that passes one country's id check (a random number of that length rarely does)
_BARE_ID = re.compile(
    r"(?i)(?<![\w-])(?P<word>id|i\.d\.)(?![\w-])[^\d\n.!?]{0,25}?(?<![\w-])(?P<value>\d[\d -]{8,18}\d)(?![\w-])")
# the words before "ID" that make it another thing's id than a person's
_OTHER_IDS = frozenset("caller sender user customer client member account order transaction txn ticket case apple device session "
                       "chat product app merchant reference ref booking tracking vehicle employee staff game player "
                       "login email e-mail payment invoice batch request job package parcel shipment".split())
# ... or the words after it, where a language names the owner second ("ID pelanggan", "ID cliente", "ID khách hàng":
# a customer's number with a utility or a shop, the organisation's reference)
_OTHER_IDS_AFTER = re.compile(r"(?i)\W*(?:pelanggan|cliente|client|klant|kunde|khách hàng|khach hang|member|anggota|syarikat|"
                              r"pesanan|transaksi|pedido|commande|bestelling)\b")
# ... but not a word that shows the id: "the policy shows ID …" holds the person's, "policy ID …" is the policy's
_SHOWS_BEFORE = re.compile(r"(?i)\b(?:shows?|has|lists?|says|holds|records?)\s+(?:the\s+|your\s+|an?\s+)?$")
# A value typed with a space between every digit so that no bot reads it ("5 3 1 - 7 2 - 0 4 8 8")
_DIGITS_SPACED = re.compile(r"(?<![\w-])\d(?:[ \t]+(?:[-./][ \t]+)?\d){5,16}(?![\w-])")
# an application or file for a document, named right before the document: its number is the file's
_APPLICATION_FOR = re.compile(
    r"(?i)\b(?:dossier|demande|application|case|antrag|solicitud|domanda|aanvraag|wniosek)\s+"
    r"(?:de\s+|d['’]|du\s+|for\s+(?:a\s+|the\s+|your\s+|my\s+)?|of\s+|auf\s+|para\s+|per\s+|voor\s+|o\s+)?$")
# Which document a name is of: a driving licence's names, a passport's; any other is an identity card
_LICENCE_NAMES = re.compile(
    r"(?i)licen|f[üu]hrerschein|permis|carnet|licencia|patente|condu[cç]|cnh|rijbewijs|prawo jazdy|k[öø]r(?:e)?kort|"
    r"f[øo]rerkort|ehliyet|ajokortti|\bdl|bằng lái|lái xe|免許")
# a document's number named ("passport number", "numéro de passeport", "licence number"): a value after a comma
# closing words about it is that number ("the passport number you uploaded, 547…"), not after a document's name alone
_NAMES_A_NUMBER = re.compile(r"(?i)num|nr|\bno\b|n[°º]|番号|رقم|מספר|नंबर|संख्या|номер|số")
_PASSPORT_NAMES = re.compile(r"(?i)pass|pas[ak]|paspoort|paszport|passi|паспорт|hộ chiếu|パスポート|旅券|جواز|דרכון|पासपोर्ट")

# -- values split across a sentence -----------------------------------------------------------------
# "ssn … i gave 987 65 then … the rest is 4320", "iban starts GB33 BUKB 2020 1555 and ends 5555 19", "SSN ending
# 4320, starting 987-65", "my number is 07700 and then 900 982": a kind's word, then two or more pieces joined by
# a connector. The pieces are put in order ("starting …" first, "ending …" / "the rest …" last) and the whole
# is checked as that kind's value.
_SPLIT_CUE = re.compile(
    # (an IBAN's own head names it: "First half IE77 BOFI 3594 and the rest is …")
    r"(?i)\b(?:(?P<national_id>ssn|ss#|social security(?:\s+(?:number|no\.?|#))?|social|"
    # (a Canadian SIN: "my SIN, first part is 680 846 and the rest is 938")
    r"(?-i:SIN)(?:\s+(?:number|no\.?|#))?|social insurance(?:\s+(?:number|no\.?|#))?)|(?P<iban>iban)|"
    r"(?P<iban_head>(?=(?-i:[A-Z]{2}\d{2}[ -]?[A-Z]{4}[ -]?\d)))|"
    # (and a card's names in other languages: "Karte: 5300 9110 … Rest kommt …")
    r"(?P<card>(?:credit |debit )?card(?:\s+(?:number|no\.?|#))?|visa|master ?card|amex|(?:kredit)?karte|kartennummer|"
    r"carte|tarjeta|carta|cartão|cartao|kaart|karta|kort|kartı|kartim|kartım)|"
    r"(?P<bank_account>(?:bank )?account(?:\s+(?:number|no\.?|#))?|acct(?:\s+(?:number|no\.?|#))?)|"
    r"(?P<phone>(?:phone|mobile|cell|contact)(?:\s+(?:number|no\.?|#))?|number|tel|"
    # "call me on 07412 — the rest is 553 908"
    r"(?:call|ring|text|reach|whats ?app)\s+(?:me|us)(?:\s+(?:on|at))?))\b")
_SPLIT_CUE_WORDS = frozenset(
    "ssn ss social sin iban card visa master mastercard amex account acct phone mobile cell contact number tel call ring "
    "text reach whatsapp karte kreditkarte kartennummer carte tarjeta carta cartão cartao kaart karta kort kartı kartim "
    "kartım".split())
_SPLIT_GATE_WORDS = frozenset(
    "then and ends end ending rest starts start starting begins beginning followed last dann danach puis ensuite "
    "luego después poi depois dan daarna potem sedan så derefter deretter sonra reste resto reszta resten endet "
    "termine termina finisce eindigt kończy slutar ender biter".split())
# The connector right before a later piece (the words between the pieces end with it)
_SPLIT_JOIN = re.compile(
    r"(?i)(?:(?:\b(?:then|and|and then|followed by|after that|plus|dann|und dann|danach|puis|et puis|ensuite|luego|"
    r"y luego|después|poi|e poi|depois|e depois|dan|en dan|daarna|potem|a potem|sedan|så|derefter|deretter|sonra)"
    r"(?:\s+(?:it['’]s|it is|its|is|ist|c['’]est|es|è|é|is het|to))?)|"
    r"\b(?:the\s+)?rest\s+(?:of\s+it\s+)?(?:is|was|are|:)|"
    r"\b(?:der\s+rest|le\s+reste|el\s+resto|il\s+resto|o\s+resto|de\s+rest|reszta|resten)\s*(?:ist|est|es|è|é|is|"
    r"to|är|er|:)?|\b(?:endet\s+(?:auf|mit)|se\s+termine\s+par|termina\s+(?:en|con|com|in)|finisce\s+(?:con|in)|"
    r"eindigt\s+(?:op|met)|kończy\s+się\s+na|slutar\s+(?:på|med)|ender\s+(?:på|med)|ile\s+biter)|"
    r"\b(?:ends?|ending|finish(?:es|ing)?)(?:\s+(?:with|in|on))?|\b(?:starts?|starting|begins?|beginning)"
    r"(?:\s+(?:with|in))?|\blast\s+(?:\w+\s+)?(?:digits|bit|part|numbers?|four|4|five|six)\s*(?:is|are|:)?)"
    r"[\s:,—–-]*$")
_IBAN_HEAD_ALONE = re.compile(r"[A-Z]{2}\d{2}[ -]?[A-Z]{4}[ -]?\d")  # (a head with the bank's letters: a split cue)
_SPLIT_REST_ANYWHERE = re.compile(r"(?i)\b(?:the\s+)?rest\b|\b(?:second|other|last|2nd)\s+half\b|\bremainder\b")
_SPLIT_LABEL_FIRST = re.compile(r"(?i)\b(?:starts?|starting|begins?|beginning)(?:\s+(?:with|in))?[\s:,—–-]*$")
_SPLIT_LABEL_LAST = re.compile(
    r"(?i)\b(?:(?:the\s+)?rest\b.*|ends?|ending|finish(?:es|ing)?|last\b.*)(?:\s+(?:with|in|on))?[\s:,—–-]*$")
_SPLIT_DIGITS = re.compile(r"(?<![\w.-])\d+(?:[ .\-]\d+)*(?![\w-])")
_SPLIT_IBAN_HEAD = re.compile(
    r"(?i)(?<![\w])[a-z]{2}\d{2}(?:[ -]?[a-z0-9]{4})?(?:[ -]?(?=[a-z]{0,3}\d)[a-z0-9]{1,4})*(?![\w])")
_SPLIT_IBAN_REST = re.compile(r"(?i)(?<![\w])(?=[a-z]{0,3}\d)[a-z0-9]{1,4}(?:[ -]?(?=[a-z]{0,3}\d)[a-z0-9]{1,4})*(?![\w])")

# Words of every document's name in _DOCUMENT_NUMBER_SOURCE (without one of them it cannot match)
_DOCUMENT_GATE_WORDS = cues.gate(cues.DOCUMENT_WORDS) | frozenset(
    "passport licence license dl pan tfn tax nhs ssn nino aadhaar aadhar id identity ident".split())

# -- bank accounts --------------------------------------------------------------------------------
_ROUTING = re.compile(r"(?i)\b(?:routing|aba|rtn|rt|transit)\b(?:\s*(?:number|no\.?|num|#))?\s*(?:is|:|=|#)?\s*"
                      r"(?P<value>\d{9})(?!\d)")
_SORT_CODE = re.compile(
    # ("SC: 20-00-00": the short form only before the code's own shape, in its groups)
    r"(?i)\b(?:sort[ -]?code|sortcode|sc(?=\s*:?\s*\d{2}[- ]\d{2}[- ]\d{2}(?![\d-])))\b\s*(?:is|:|=)?\s*"
    r"(?P<value>\d{2}[- ]?\d{2}[- ]?\d{2})(?![\d-])")
_BSB = re.compile(r"(?i)\bbsb\b\s*(?:number|no\.?)?\s*(?:is|:|=)?\s*(?P<value>\d{3}[- ]?\d{3})(?![\d-])")
_BLZ = re.compile(r"(?i)\b(?:blz|bankleitzahl)\b\s*:?\s*(?P<value>\d{3} ?\d{3} ?\d{2})(?!\d)")
_ACCOUNT_TEMPLATE = (
    # (whose, after the word: Tagalog "account mo", Indonesian "no rek saya", Vietnamese "tài khoản của em")
    r"(?i)(?<![\w-])(?P<word>WORDS)(?![\w-])\.?(?:\s+(?:mo|ko|niya|namin|saya|aku|gue|gw|"
    r"của\s+(?:em|mình|tôi|anh|chị|con)))?"
    r"(?P<named>\s*(?:number|nbr|no\.?|num|nr\.?|#|nummer|numéro|número|numero|numer|n[°º]|n\.|số|nomor))?\s*"
    # (the account "with you": "numéro de compte chez vous 0835-…", "Konto bei Ihnen …", "account # with you is …";
    # and the number in brackets a few words on: "account number at the credit union (7703…)", "rekeningnummer
    # gestuurd (0392…, Rabo)")
    # (or as it is in the organisation's records: "the account no. on our side is …", "account number in our system")
    # (or where it is held, before "is": "my account no at the electric is 990 441 273 8")
    r"(?:(?:chez\s+vous|bei\s+ihnen|bei\s+euch|presso\s+di\s+voi|con\s+ustedes|bij\s+jullie|with\s+(?:you|us)|"
    r"(?:at|with|for)\s+(?:the\s+)?[^\W\d_]{3,15}(?:\s+[^\W\d_]{3,15})?(?=\s+(?:is|was)\s)|"
    r"(?:on|in)\s+our\s+(?:side|end|system|systems|records?|books|file)|"
    r"(?:[^\W\d_][\w'’-]*\s+){0,4}\(|"
    # (and a relative clause naming whose it is before a colon: "the account you gave: 5010…", "la cuenta que nos
    # diste: …", "dem Konto, das Sie angegeben haben: …")
    r",?\s*(?:(?:that|which|que|das|den|dat|che|qui)\s+)?(?:you|we|i|u|vous|nous|sie|du|ihr|wir|ich|usted|"
    # (or before a comma: "the recipient account you entered, 8943864183 at Access Bank")
    r"ustedes|nos|me|jij|voi|ci|mi)(?:\s+[^\W\d_][\w'’-]*){1,5}(?=\s*[:,]))\s*)?"
    rf"(?:{cues.pattern(cues.SECRET_IS)}|:|=|-|,|from|to|as|(?:is\s+)?now)?\s*"
    # (a bank's short name before the number: "account mo: BPI 3089-4512-77")
    r"(?:(?-i:[A-Z]{2,6})\s+)?"
    # (a check digit after a slash: "cuenta corriente 82-3505809/2")
    r"(?P<value>\d(?:[\d -]{4,30}|[\d.]{4,20})\d(?:/\d(?!\d))?)(?![\d-]|\.\d)")
_ACCOUNT = re.compile(_ACCOUNT_TEMPLATE.replace(
    # (and its common misspellings: "acount 29110458", "accout no")
    "WORDS", "account|acct|acc|a/c|acount|accout|accnt|konto|kontonummer|cuenta|compte|conto|conta|checking|savings|"
    # ("SC 20-00-00 AC 12345678", "RT 021000021 AC …": "ac" only with a bank's sign in the text, see _bank_accounts)
    "ac"))
# ... or named so right after it: "34180025 6671 is acc no sbi, ifsc …"
_ACCOUNT_AFTER = re.compile(
    r"(?i)(?<![\w-])(?P<value>\d[\d ]{4,22}\d)\s+(?:is|was)\s+(?:my\s+|the\s+|his\s+|her\s+)?"
    r"(?P<word>account|acct|acc|a/c)(?P<named>\s*(?:number|no\.?|num|nr\.?|#))?(?![\w-])")
# the other languages' account words (privacy_cues.ACCOUNT_WORDS: rekeningnummer, numer konta, hesap no …)
_ACCOUNT_ABROAD = re.compile(_ACCOUNT_TEMPLATE.replace(
    "WORDS", cues.pattern(cues.ACCOUNT_WORDS, cues.abroad(cues.ACCOUNT_WORDS))).replace(
    # (the bank's name may come between: "rekening BCA 5270418829", "tài khoản Vietcombank 0071001928374")
    "(?P<named>", r"(?:(?<!\.)\s+(?-i:[A-Z][A-Za-z]{2,14})(?<!\bID)(?<!\bPIN)(?<!nummer)(?<!number))?(?P<named>", 1))
_ACCOUNT_ABROAD_GATE = cues.gate(cues.ACCOUNT_WORDS, languages=cues.abroad(cues.ACCOUNT_WORDS))
# "我的账号是6222 0212 3456 7890", "银行账号：…", "계좌번호는 110-123-456789", "口座番号は1234567": an account's word
# in Chinese, Japanese or Korean, glued to the words around it and to its particle
_ACCOUNT_CJK = re.compile(r"(?:银行账号|銀行帳號|银行卡号|账号|帐号|賬號|帳號|账户|帳戶|賬戶|口座番号|口座|계좌번호|계좌)"
                          # (a bank's name between, spaced: "환불 계좌 신한 110-482-…")
                          r"(?:\s+[\uac00-\ud7af]{1,6}(?=\s))?"
                          r"\s*(?:是|为|為|：|:|は|는|은|：)?\s*(?P<value>\d[\d -]{4,24}\d)(?![\d-])")
# (Thai: "บัญชี" account, a bank's name glued to it or in between, "เลขที่" number: "บัญชีกสิกร 048-2-71936-5"; its
# ten digits grouped 3-1-5-1, or twelve)
_ACCOUNT_THAI = re.compile(r"(?:เลขที่บัญชี|เลขบัญชี|บัญชี)[^\d\n]{0,40}?(?P<value>\d{3}-\d-\d{5}-\d|\d{10}|\d{12})(?![\d-])")
_ACCOUNT_CJK_SIGNS = ("账", "帐", "賬", "帳", "口座", "계좌", "บัญชี")
# The most digits an account named as one has (a Russian счёт has 20, a Mexican CLABE 18, an Indian account up to 18),
# and more after the word where the country's accounts are longer (a Polish rachunek 26, a Hungarian számlaszám 24,
# a French RIB 23: "nr rachunku 12 3456 7890 …")
_ACCOUNT_DIGITS_MAX = 20
_LONG_ACCOUNT_WORDS = {**{w: 26 for w in cues.ACCOUNT_WORDS["pl"]},
                       **{w: 24 for w in cues.ACCOUNT_WORDS["hu"]},
                       # (a French RIB and an Italian BBAN have 23 digits with their bank's and branch's codes)
                       **{w: 23 for w in cues.ACCOUNT_WORDS["fr"] + cues.ACCOUNT_WORDS["it"]},
                       "cbu": 22, "cvu": 22}
# "7730012846 is my account", "8812 0034 5566 (my checking account)"
_ACCOUNT_BEFORE = re.compile(
    # (on the value's own line: "Branch phone: 514-555-0126\n\nYour own account number is …" names another number)
    r"(?i)(?<![\w.-])(?P<value>\d(?:[\d -]{5,20})\d)(?![\d-])[^\S\n]*[(,]?[^\S\n]*(?:is\s+|=\s*)?(?:my|our|the|your)\s+"
    r"(?:\w+\s+)?(?:bank\s+)?(?:account|acct|acc)\b")
# "62841177305 is the number you gave us on the form, with branch code 250655": a number given with its bank's
# branch or sort code after it, in its sentence
_ACCOUNT_THEN_BANK_CODE = re.compile(
    r"(?i)(?<![\w.+-])(?P<value>\d{8,12})(?![\w-]|[.,]\d)[^.!?\n\d]{0,60}?\b(?:with|and|plus)\s+(?:the\s+|your\s+)?"
    r"(?:branch\s+code|sort\s+code|bsb|ifsc|routing\s+number|transit\s+number)\s*:?\s*[\dA-Z]")
# "refund to 3094418826 GTBank", "Rabobank 0392741586": an account number right beside a bank's one-word name (a name
# ending in "bank", "GTBank", "Ecobank", "Rabobank"; "Bank" alone is no name)
_ACCOUNT_BESIDE_BANK_NAME = re.compile(
    r"(?<![\w.-])(?P<value>\d{8,12})(?![\w-]|[.,]\d)\s*[,(]?\s*(?-i:[A-Z][A-Za-z]*[a-zA-Z](?:bank|Bank))(?![\w-])|"
    r"(?<![\w-])(?-i:[A-Z][A-Za-z]*[a-zA-Z](?:bank|Bank)|(?!(?:The|A|An|My|Your|Our|Their|This|That|Any)\s)[A-Z][a-z]+\s+Bank)(?![\w-])\s*[:,-]?\s*(?P<value2>\d{8,12})"
    r"(?![\w-]|[.,]\d)")
# A Nigerian account (NUBAN, ten digits) with its bank's short name after it: "refund my money to 2087741093 UBA"
_NUBAN_THEN_BANK = re.compile(
    r"(?<![\w.+-])(?P<value>\d{10})(?![\w-])\s*,?\s*(?:UBA|GTB|GTBank|FCMB|FBN|First\s+Bank|Zenith|Access|OPay|Opay|"
    r"Kuda|PalmPay|Palmpay|Moniepoint|Wema|Sterling|Fidelity|Polaris|Union\s+Bank|Ecobank|Stanbic|Keystone|Providus)\b")
# and a bank's name in other languages: "Ziraat Bankası 12345678", "Сбербанк 40817…", "신한은행 110-482-123456",
# "招商银行 6225…", "みずほ銀行 普通 …" (the name, then the account's digits, or the digits, then the name)
_BANK_NAME_ABROAD = (r"(?:(?-i:[A-ZÇĞİÖŞÜ][\wçğıöşü]+)\s+Bankas[ıi]|(?-i:[А-ЯЁ][а-яё]*-?[Бб]анк)|[가-힣]+은행|"
                     r"[\u4e00-\u9fff]+[银銀]行)")
_ACCOUNT_BESIDE_BANK_NAME_ABROAD = re.compile(
    rf"(?<![\w.-])(?P<value>\d[\d -]{{6,24}}\d)(?![\w-]|[.,]\d)\s*[,(]?\s*{_BANK_NAME_ABROAD}|"
    rf"{_BANK_NAME_ABROAD}(?:\s*(?:[,:()-]|[^\W\d_]{{1,3}}\s*[:：]?)?)?\s*(?P<value2>\d[\d -]{{6,24}}\d)(?![\w-]|[.,]\d)")
_BANK_NAME_ABROAD_SIGNS = ("bankas", "банк", "은행", "银行", "銀行")
# An Indian account number right beside its branch's IFSC (four letters, 0, six more), with no account word: "pay to
# 50100447829131, IFSC HDFC0004418", "IFSC SBIN0001234 / 30012345678"
_ACCOUNT_BESIDE_IFSC = re.compile(
    r"(?<![\w.-])(?P<value>\d{9,18})(?![\w-]|[.,]\d)[\s,;/()-]{0,4}(?:(?i:ifsc)(?:\s*code)?\s*[:.-]?\s*)?"
    r"[A-Z]{4}0[A-Z0-9]{6}(?![\w])|"
    r"[A-Z]{4}0[A-Z0-9]{6}(?![\w])[\s,;/()-]{0,4}(?P<value2>\d{9,18})(?![\w-]|[.,]\d)")
# A bank's code, by its name, and its digits: German BLZ, Italian ABI/CAB, French code banque/guichet/clé RIB,
# Russian БИК, Swiss clearing number, Indian IFSC
_BANK_CODE = re.compile(
    r"(?i)(?<![\w-])(?:blz|bankleitzahl|abi|cab|guichet|code\s+guichet|banque|code\s+banque|clé\s+rib|бик|bik|"
    # (a Danish bank's registration number: "reg.nr. 2191 kontonr. …")
    r"clearing(?:-?nr\.?|nummer)?|ifsc|reg\.?\s?nr|registreringsnummer)(?![\w-])\s*[:.]?\s*(?:\d|[A-Z]{4}0)")
_BANK_CODE_GATE = frozenset(
    "blz bankleitzahl abi cab guichet banque бик bik clearing clearingnummer ifsc reg registreringsnummer".split())
_NUBAN_BANK_GATE = frozenset("uba gtb gtbank fcmb fbn first zenith access opay kuda palmpay moniepoint wema sterling "
                             "fidelity polaris union ecobank stanbic keystone providus".split())
_BANK_GATE_WORDS = frozenset(
    "routing aba rtn transit sort sortcode bsb blz bankleitzahl agência agencia account acct acc acount accout accnt a konto kontonummer cuenta compte "
    "conta conto checking savings clabe cbu cvu ag ac sc rt branch".split()) | _ACCOUNT_ABROAD_GATE | _BANK_CODE_GATE | \
    _NUBAN_BANK_GATE
# A Mexican CLABE (18 digits) or an Argentine CBU/CVU (22 digits), named in its sentence or the one before, its check
# digits holding ("mi CLABE está mal … La que di es 0121…")
_CLABE_OR_CBU_NAME = re.compile(r"(?i)(?<![\w-])(?:clabe|cbu|cvu)(?![\w-])")
_CLABE_OR_CBU = re.compile(r"(?<![\w-])(?:\d{18}|\d{22})(?![\w-])")


def _clabe(digits: str) -> bool:
    """A Mexican CLABE: 18 digits, the last a check digit over the 17 before them weighted 3 7 1 …, each product
    mod 10 (written by hand: python-stdnum has no module for it)."""
    total = sum(int(d) * w % 10 for d, w in zip(digits[:17], itertools.cycle((3, 7, 1))))
    return len(digits) == 18 and (10 - total % 10) % 10 == int(digits[17])
# Brazilian branch ("agência 0001"): with it, "conta 12345-6" is a bank account
# Account numbers whose shape alone names them, with no bank word needed: New Zealand's bank-branch-account-suffix
# ("12-3140-0418392-00"), a UK sort code written with its 8-digit account ("20-45-77 43981120"), and Poland's NRB
# (26 digits, 2 + 6 × 4: the IBAN without "PL", checked as one)
_NZ_ACCOUNT = re.compile(r"(?<![\w-])\d{2}-\d{4}-\d{7}-\d{2,3}(?![\w-])")
# (or "and" between: "20-45-77 and 31658204 confirmed for the direct debit")
_SORT_CODE_AND_ACCOUNT = re.compile(r"(?<![\w-])\d{2}-\d{2}-\d{2}(?:[ \t]*[,/&]?[ \t]*|[ \t]+and[ \t]+)\d{8}(?![\w-]|[.,]\d)")
# a Czech account: prefix, number and the bank's code after a slash ("19-2000145399/0800"), its check digits and a
# bank code that exists (python-stdnum's cz.bankaccount)
_CZ_ACCOUNT = re.compile(r"(?<![\w/.-])(?:\d{1,6}-)?\d{2,10}/\d{4}(?![\w/-]|[.,]\d)")
# a Spanish CCC (bank, branch, two check digits, account: 4-4-2-10), its check digits holding (python-stdnum's
# es.ccc); in its groups, or with an account word before it
_ES_CCC = re.compile(r"(?<![\w-])\d{4}([ -]?)\d{4}\1\d{2}\1\d{10}(?![\w-]|[.,]\d)")
_ACCOUNT_WORD_BEFORE = re.compile(r"(?i)\b(?:cuenta|ccc|c/c|account|acct|compte|conto|konto)\b")
_NRB = re.compile(r"(?<![\w-])\d{2}(?:[ \t]?\d{4}){6}(?![\w-]|[.,]\d)")
# a Brazilian branch and account in their abbreviations: "ag 3271-4 c/c 28.417-9", "agência 0001, cc 12345-6"
_BR_BRANCH_AND_ACCOUNT = re.compile(
    r"(?i)(?<![\w-])(?:ag[êe]ncia|ag)\.?\s*(?:n[º°o]\.?\s*)?:?\s*(?P<branch>\d{4}(?:-[\dx])?)[\s,;/]*(?:e\s+)?"
    r"(?<![\w-])(?:c/c|c\.c\.|cc|conta(?:\s+corrente|\s+poupan[çc]a)?|c/p)\.?\s*(?:n[º°o]\.?\s*)?:?\s*"
    r"(?P<value>\d{1,3}(?:\.\d{3})+-[\dx]|\d{3,12}-[\dx])(?![\w-])")
_AGENCIA = re.compile(r"(?i)\bag[êe]ncia\b\s*(?:n[º°o]\.?\s*)?:?\s*(?P<value>\d{4}(?:-\d)?)(?![\d-])")
# (a branch code beside the account, and a debit order or direct debit drawn from it: "account …, branch 198765")
_BANK_WORDS = re.compile(
    r"(?i)\b(?:bank|banking|ag[êe]ncia|routing|aba|rtn|sort ?code|sortcode|bsb|checking|savings|wire|direct deposit|"
    r"branch\s+code|branch(?=\s*(?:no\.?|number|#|:)?\s*\d)|debit\s+order|direct\s+debit|"
    r"blz|kontonummer|girokonto|bancaire|bancaria|banco|bancario|swift|bic|ifsc|"
    r"sc(?=\s*:?\s*\d{2}[- ]\d{2}[- ]\d{2}(?![\d-]))|rt(?=\s*:?\s*\d{9}(?!\d)))\b")

# An Indian UPI id: a payment address of a bank account, "name@bank handle" with no top-level domain (the handles of
# the UPI apps and banks: okaxis, ybl, paytm, upi …)
_UPI_ID = re.compile(
    r"(?i)(?<![\w.\-@])[\w.\-]{3,64}@(?:ok(?:axis|hdfcbank|icici|sbi)|ybl|ibl|axl|paytm|upi|apl|yapl|"
    r"pt(?:yes|axis|hdfc|sbi)|fbl|kotak|icici|hdfcbank|sbi|axisbank|axisb|barodampay|idfcbank|indus|federal|rbl|kbl|"
    r"aubank|jupiteraxis|freecharge|airtel|jio|wa(?:axis|hdfcbank|sbi|icici)|ikwik|abfspay|dbs|pockets|pingpay|"
    r"mahb|unionbank|cnrb|pnb|boi|yesbank|timecosmos)(?![\w@-]|\.\w)")
# the handles, each a whole word after the "@" (for _may_match)
_UPI_HANDLES = frozenset(
    "okaxis okhdfcbank okicici oksbi ybl ibl axl paytm upi apl yapl ptyes ptaxis pthdfc ptsbi fbl kotak icici hdfcbank "
    "sbi axisbank axisb barodampay idfcbank indus federal rbl kbl aubank jupiteraxis freecharge airtel jio waaxis "
    "wahdfcbank wasbi waicici ikwik abfspay dbs pockets pingpay mahb unionbank cnrb pnb boi yesbank timecosmos".split())

# -- email ------------------------------------------------------------------------------------------
_TLDS = (r"com|net|org|edu|gov|mil|int|info|biz|io|co|me|us|uk|de|fr|es|it|nl|be|ch|at|pl|pt|br|mx|ar|cl|ca|"
         r"au|nz|in|jp|cn|kr|ru|ie|se|no|dk|fi|gr|tr|za|ng|ke|eg|ae|sa|il|sg|hk|tw|ph|my|id|vn|th|app|dev|email|"
         r"online|xyz|live|mail")
_AT = r"(?:\s*(?:\(at\)|\[at\]|\{at\}|<at>|\(@\)|\[@\])\s*|\s+at\s+|\s*@\s*)"
# (the dot in brackets in other languages too: "(point)", "[punto]", "(ponto)", "(punkt)")
_DOT = r"(?:\s*(?:[(\[{<](?:dot|point|punto|ponto|punkt)[)\]}>]|\(\.\)|\[\.\])\s*|\s+dot\s+|\s+\.\s+|\.)"
_EMAIL_AT_PROVIDER = re.compile(  # "jane.doe@gmail": no top-level domain, but clearly a mailbox
    r"(?i)(?<![\w.%+\-])[\w.%+\-]{1,64}@(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|proton(?:mail)?|gmx)"
    r"(?![\w.@-])")
_EMAIL_AT_PROVIDER_WORDS = re.compile(
    r"(?i)(?<![\w.%+\-@])(?P<local>[\w.%+\-]{2,64})\s+at\s+(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|"
    r"proton(?:mail)?|gmx)(?![\w@.-]|\s*(?:dot|\.|\[dot\]|\(dot\))\s*\w)")
_AT_WORD = re.compile(r"(?i)\bat\b")
_PROVIDER_WORDS = frozenset("gmail googlemail yahoo hotmail outlook icloud aol proton protonmail gmx".split())
_TLD_WORDS = frozenset(_TLDS.split("|"))


def _fediverse_handle(text: str, match: re.Match) -> bool:
    """"@alice@mastodon.social": an account's handle on Mastodon and the fediverse, public as any handle is,
    unless its server is a mail provider's ("@alice@gmail.com" is an address with an @ typed before it)."""
    if text[match.start() - 1:match.start()] != "@":
        return False
    server = match.group().rpartition("@")[2].lower()
    return server.split(".")[0] not in _PROVIDER_WORDS
_EMAIL_SPACED = re.compile(
    r"(?i)(?<!\S)(?:[\w.+\-][ \t]{1,2}){2,64}@(?:[ \t]{1,2}[\w\-]){2,63}(?:[ \t]{1,2}\.(?:[ \t]{1,2}[a-z]){2,24})+"
    r"(?![\w@])")
# An address said aloud, its separators as words and a number said apart: "jerome dot castillo 77 at yahoo dot
# com", "jenny underscore lau eighty seven at gmail" (read as "… lau 87 at gmail")
_SPOKEN_SEPARATOR = r"\s+(?:dot|underscore|under\s+score|dash|hyphen|period)\s+"
_UNITS_SAID = r"one|two|three|four|five|six|seven|eight|nine"
_NUMBER_SAID = (rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:{_UNITS_SAID}))?|"
                rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|zero|{_UNITS_SAID})")
_EMAIL_SPOKEN = re.compile(
    rf"(?i)(?<![\w.@-])(?P<local>[a-z][a-z0-9]*(?:{_SPOKEN_SEPARATOR}[a-z0-9]+){{0,4}}"
    rf"(?:\s+(?:\d{{1,4}}|{_NUMBER_SAID}))?)\s+at\s+"
    r"(?:(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|proton(?:mail)?|gmx)"
    rf"(?:\s+dot\s+(?:co\s+dot\s+uk|com|net|[a-z]{{2}}))?|[a-z0-9-]+\s+dot\s+(?:{_TLDS}))(?![\w@])")
_SPOKEN_EMAIL_GATE = frozenset("dot underscore under dash hyphen period".split())
# The same said in French, Spanish, Portuguese, Italian, German, Dutch, Polish, Swedish and Danish: "camille point
# martin arobase free point fr", "luis punto gil arroba gmail punto com", "anna punkt berg klammeraffe web punkt de"
# (looked for only in a text holding one of the at-words, which are no ordinary words)
_AT_WORDS_ABROAD = frozenset("arobase arroba chiocciola klammeraffe apenstaartje apestaartje małpa malpa snabel "
                             "snabela grisehale".split())
_SEPARATOR_ABROAD = (r"\s+(?:point|punto|punkt|ponto|punt|kropka|tiret|guion|guión|trattino|bindestrich|"
                     r"unterstrich|underscore|souligné|sublinhado|barra\s+baja)\s+")
_AT_WORD_ABROAD = re.compile(r"(?i)\s+(?:arobase|arroba|chiocciola|klammeraffe|apenstaartje|apestaartje|małpa|"
                             r"malpa|snabel-?a|grisehale)\s+")
_SEPARATOR_WORD_ABROAD = re.compile(r"(?i)\s+(?:point|punto|punkt|ponto|punt|kropka)\s+")
# (a dot written as such in the name part: "marisa.olmedo77 arroba gmail punto com"; and the English "at" between the
# separators of another language: "maria punkt kessler at web punkt de", not "point", an English word)
_EMAIL_SPOKEN_ABROAD = re.compile(
    rf"(?i)(?<![\w.@-])(?P<local>[a-z][a-z0-9]*(?:[._][a-z0-9]+)*(?:{_SEPARATOR_ABROAD}[a-z0-9]+){{0,4}}"
    r"(?:\s+\d{1,4})?)\s+"
    r"(?:(?:arobase|arroba|chiocciola|klammeraffe|apenstaartje|apestaartje|małpa|malpa|snabel-?a|grisehale)\s+"
    r"[a-z0-9-]+(?:\s+(?:point|punto|punkt|ponto|punt|kropka)\s+[a-z0-9-]+){1,2}|"
    r"at\s+[a-z0-9-]+(?:\s+(?:punto|punkt|ponto|punt|kropka)\s+[a-z0-9-]+){1,2})(?![\w@])")
_SEPARATORS_WITH_AT = frozenset("punto punkt ponto punt kropka".split())
_MAIL_CUE = re.compile(r"(?i)\b(?:e-?mail|mail|inbox|address)\b[^.!?\n]*$")
# A token or password in a link's query ("reset?user=mhale&token=9f3a1c77e20b4d8a", "login?pwd=…"): the link opens an
# account or resets its password for whoever has it. (The value has a letter and a digit, eight or more characters;
# not a page's token, "next_page_token=…", which is public.)
_SECRET_IN_LINK = re.compile(
    r"(?i)[?&#;](?:(?:reset|access|auth|id|refresh|login|magic|session|verify|verification|confirm|confirmation|"
    r"invite|api|user|temp)[_-]?)?(?:token|password|passwd|pwd|otp|secret)=(?P<value>(?=[\w.~%-]*\d)(?=[\w.~%-]*[a-z])"
    r"[\w.~%-]{8,512})")
_SECRET_IN_LINK_WORDS = ("token=", "password=", "passwd=", "pwd=", "otp=", "secret=")
_EMAIL_IN_LINK = re.compile(r"(?i)(?<=[=/&?:])[\w.+\-]+%40[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}(?![\w.])")
# Hebrew writes a one-letter preposition with a hyphen before a number or an address ("ל-052-…", "ל-service@…": to …)
_HEBREW_PREFIX_GLUED = r"[בהוכלמש][-\u05be]"
# a value starts after one, not at it
_AFTER_HEBREW_PREFIX = rf"(?<=(?<!\w){_HEBREW_PREFIX_GLUED})(?!{_HEBREW_PREFIX_GLUED})"
_MASKED_LOCAL = re.compile(r"^[^@]*[*•]{2,}[^@]*@")  # "j***@gmail.com", "p*****1991@gmail.com": already masked
_LOCAL_CHAR = r"[\w.!#$%&'*+/=?^`{|}~\-]"  # what RFC 5322 allows before the @ without quotes
_EMAIL_PLAIN = re.compile(  # top-level domains are letters, or punycode (xn--p1ai)
    # (a Latin one ends where a letter of another script begins: "tax@hanbitshop.co.kr로", a Korean particle glued on)
    rf"(?i)(?:(?<!{_LOCAL_CHAR})(?!{_HEBREW_PREFIX_GLUED})|{_AFTER_HEBREW_PREFIX})"
    rf"{_LOCAL_CHAR}{{1,64}}@[\w\-]+(?:\.[\w\-]+)*\."
    r"(?:[a-z]{2,24}(?![a-z\d_@\-\u00c0-\u024f])|[^\W\d_]{2,24}(?![\w@-])|xn--[a-z0-9\-]{1,59}(?![\w@-]))")
_EMAIL_LOOSE = re.compile(
    # repetitions are bounded so that long runs of "a dot a dot …" stay linear; the runs of word characters are
    # possessive (++): what follows each starts with a space, a bracket, "." or "@", never a word character, so
    # giving characters back could never make a match (and tried at every word, it cost the most)
    rf"(?i)(?:(?<![\w.%+\-])(?!{_HEBREW_PREFIX_GLUED})|{_AFTER_HEBREW_PREFIX})"
    rf"(?P<local>[\w%+\-]++(?:{_DOT}[\w%+\-]++){{0,4}}?){_AT}"
    rf"(?P<domain>[\w\-]++(?:{_DOT}[\w\-]++){{0,3}}?){_DOT}(?P<tld>{_TLDS})(?![\w])")
# Words that come before " at " in ordinary sentences ("meet me at home dot com" is not an address).
_NOT_A_MAILBOX = frozenset(
    "i me you he him she her it we us they them am is are was were be been being look looking meet see stay "
    "staying here there now still just arrived home work school this that what who".split())
_NOT_A_SPOKEN_MAILBOX = _NOT_A_MAILBOX | frozenset("at on in to by for from till until around about after before".split())
_MAIL_PROVIDERS = frozenset(
    "gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol proton protonmail pm gmx web "
    "mail yandex zoho 163 126 qq naver orange free laposte libero t-online btinternet "
    # national and paid ones: a person's mailbox at them says nothing of an organisation
    "seznam centrum wp onet interia daum hanmail rambler ukr abv tutanota posteo fastmail virgilio tiscali sfr "
    "wanadoo bigpond rediffmail sina sohu comcast verizon sbcglobal bluewin telenet skynet freenet arcor ziggo "
    "kpnmail xs4all".split())

# -- phones -----------------------------------------------------------------------------------------
_PHONE_WORDS = re.compile(
    r"(?i)\b(?:call|called|calling|phone|ph|tel|tele?fono|telefon|t[ée]l[ée]phone|cell|cellphone|mobile|"
    r"mob|handy|m[óo]vil|portable|whats ?app|wa|text|txt|sms|ring|reach|contact|number|n[úu]mero|nummer|"
    r"(?:personal|private)\s+line|"
    r"num[ée]ro|fax|landline|appelez-moi|ll[áa]mame)\b")
# Words after which a run of digits is a phone number in any country's format ("ring me on 07911 123456"
# with the default region US): "number" alone is not one of them ("case number 03918274").
_STRONG_PHONE_WORDS = re.compile(
    r"(?i)\b(?:call(?: me)?|ring(?: me)?|phone|tel|cell|cellphone|mobile|whats ?app|text me|txt me|sms me|contact me|"
    r"reach me|"
    r"landline|fax|my (?:(?:new|old|current|home|work|phone|cell|mobile) ){0,2}(?:number|no\.?|#)|my hp|hp no\.?|handphone|ruf(?:t)? mich an|anrufen|erreichbar|handy|"
    r"handynummer|telefonnummer|handynr\.?|mobilnr\.?|telefonnr\.?|tel\.?-nr\.?|meine nummer|ll[áa]m[ae]me|mi n[úu]mero|mi tel[ée]fono|mi m[óo]vil|appelez-moi|"
    r"appelle-moi|mon num[ée]ro|mon portable|call(?:ed|ing|s)? (?:you|him|her|them|me|us)(?: back)?(?: on| at)?|"
    r"(?:contact|mobile|cell|phone|home|work) number(?: to)?|mob(?:ile)? no|festnetz|r[üu]ckruf|rufen|joindre|"
    r"appel\w*|llam\w*|ligar|celular|bel(?:len)?(?: me| je)?(?: op)?|bellen je op|telefone|phone|ring|"
    # and the English ones of privacy_cues.PHONE_CUES ("ported", "new number" …)
    rf"{cues.pattern(cues.PHONE_CUES, ['en'])})(?!\w)")
_PHONE_WORD_AFTER = re.compile(
    r"(?i)\s*(?:\(|-|–|:|,)?\s*(?:(?:is|was|=)\s+)?(?:my|our)?\s*(?:cell|cellphone|mobile|phone|number|no\.|#|"
    r"landline|whats ?app|home phone|work phone)(?!\w)"
    # "… as your contact number" (an agent confirming the customer's record)
    r"|\s*,?\s*(?:as|for)\s+(?:your|the customer['’]?s?)\s+(?:[\w-]+\s+)?(?:number|phone|mobile|cell|landline)\b")
# The phone words of the other languages ("chiamatemi al", "me liga no", "ring mig på", "beni arayın"): looked for
# only in a text that holds one of their words
_PHONE_CUES_ABROAD = re.compile(
    rf"(?i)(?<![\w-]){cues.pattern(cues.PHONE_CUES, cues.abroad(cues.PHONE_CUES))}(?![\w-])"
    r"(?:\s+(?:al|au|no|na|op|på|på|til|unter|am|under|on|at|a|à|em|pod|numarası|numaram|:))?")
_PHONE_CUES_ABROAD_GATE = cues.gate(cues.PHONE_CUES, languages=cues.abroad(cues.PHONE_CUES))
# Either: what makes a number after an order or ticket word a phone all the same ("my # is 415-555-0132")
# (and a merchant's M-Pesa "till number", the shop's payment id: "till" alone is Swedish for "to")
_REFERENCE_NUMBER = _Cues(re.compile(r"(?i)\btill\s+(?:number|no\.?)\s*:?\s*$"), re.compile(
    rf"(?i)(?<![\w-])(?:{cues.pattern(cues.REFERENCE_WORDS)})(?![\w-])\s+(?:\w+\s+){{0,2}}?"
    r"(?:number|nummer|numéro|número|numero|numer|nr\.?|no\.?)\s*:?\s*$"),
    cues.gate(cues.REFERENCE_WORDS))
_ANY_PHONE_WORD = _Cues(_AtWordStarts(re.compile(f"(?i){_PHONE_WORDS.pattern[4:]}|{_STRONG_PHONE_WORDS.pattern[4:]}")),
                       _AtWordStarts(_PHONE_CUES_ABROAD), _PHONE_CUES_ABROAD_GATE)
# (the phone words, searched at the words that may start them: see _AtWordStarts)
_PHONE_WORDS_AT_WORDS, _STRONG_PHONE_WORDS_AT_WORDS, _PHONE_CUES_ABROAD_AT_WORDS = \
    _AtWordStarts(_PHONE_WORDS), _AtWordStarts(_STRONG_PHONE_WORDS), _AtWordStarts(_PHONE_CUES_ABROAD)
# An organisation's line named right before or after a number ("numero verde", "appel non surtaxé",
# "Kundenservice", "customer service", "business account"): privacy_cues.SERVICE_LINE_WORDS
_SERVICE_LINE_WORDS = rf"(?<![\w-]){cues.pattern(cues.SERVICE_LINE_WORDS)}(?![\w-])"
_SERVICE_LINE_GATE = cues.gate(cues.SERVICE_LINE_WORDS)
_SERVICE_LINE_BEFORE = _Cues(_NEVER, re.compile(rf"(?i){_SERVICE_LINE_WORDS}[^.!?\n]{{0,40}}$"), _SERVICE_LINE_GATE)
# Between a service line's words and a number, the writer or the reader taking over: "Our store called me back and
# I gave them …", "Our team has your number as …", "Our office is closed, so I'm on …" (the number is a person's)
_A_PERSONS_LINE_BETWEEN = re.compile(
    r"(?i)\b(?:i|i['’]m|im|me|my|mine)\b|\byour\s+(?:\w+\s+)?(?:number|phone|mobile|cell|line)\b")
# (said of it: "… 07700 900 007 (that's the company on-call phone)")
_SERVICE_LINE_AFTER = re.compile(rf"(?i)[\s,;:(–—'’-]{{0,4}}(?:(?:that|it|this)(?:['’]s|\s+is)\s+)?(?:\w+\s+){{0,2}}?"
                                 rf"{_SERVICE_LINE_WORDS}")
# A number the reader is called or written on, named so right before it: "we'll text your tracking link to …", "the
# load was sent to …", "the driver will call …", "call your backup number, …", "call us from …" (the line the
# reader calls from), "te va a llamar un asesor al …", "ti richiamiamo al …", "nous vous rappelons au …". Whatever
# else the sentence names (a tracking link, "our team"), the number is the reader's line, not an organisation's.
_READERS_LINE_TEMPLATE = (
    r"(?i)(?:\b(?:text|texts|texted|texting|sms|send|sends|sent|sending|forward|forwarded|whatsapp|loaded)\b"
    r"(?:[ \t]+(?!(?:us|our)\b)[\w'’-]+){0,4}?[ \t]+to"
    r"|(?<!you)(?<!you )\b(?:will|['’]ll|going[ \t]+to|gonna)[ \t]+(?:call|ring|phone|text)"
    r"(?:[ \t]+(?:you|him|her|them))?(?:[ \t]+back)?(?:[ \t]+(?:on|at))?"
    r"|\b(?:call|ring|phone|text|contact|reach|message)(?:ed|ing|s)?[ \t]+(?:you|him|her|them)(?:[ \t]+back)?"
    r"[ \t]+(?:on|at)"
    r"|\b(?:call|ring|phone|text|send|sent|reach|contact)\w*[ \t]+(?:you[ \t]+)?(?:(?:on|at|to)[ \t]+)?your[ \t]+"
    r"(?:[\w-]+[ \t]+)?(?:number|mobile|cell|phone|line)[ \t]*[,:(—–-]?"
    r"|\b(?:call|ring|phone|text|message)[ \t]+us[ \t]+from"
    # (not "us" called: "je kunt ons bellen op …", you can call us on, is the organisation's line)
    r"|\b(?:te|le|ti|la|lo|vi|vous|je)[ \t]+(?:(?!(?:ons|nous|nos|ci)\b)[\w'’]+[ \t]+){0,3}?(?:llam\w*|richiam\w*|"
    r"chiam\w*|rappel\w*|"
    r"appel\w*|ligar\w*|ligamos|bellen)(?:[ \t]+[\w'’]+){0,2}?[ \t]+(?:al|au|no|op|na))"
    r"[ \t]*:?[ \t]*")
_READERS_LINE_BEFORE = re.compile(_READERS_LINE_TEMPLATE + "$")
# (each match holds one of these words, or one of the other languages' calling verbs)
_READERS_LINE_GATE = frozenset(
    "text texts texted texting sms send sends sent sending forward forwarded whatsapp loaded call called calling calls "
    "ring rings ringed ringing phone phoned phoning phones contact contacted contacting contacts reach reached reaching "
    "reaches message messaged messaging messages".split())
_READERS_LINE_VERBS_ABROAD = re.compile(r"(?i)llam|chiam|rappel|appel|ligar|ligamos|bellen")
# "Text HELP to …", "text the word JOIN to …": a keyword sent to an organisation's service, not to the reader
_SMS_KEYWORD = re.compile(r"\b(?i:text|txt|sms|send)[ \t]+(?i:the[ \t]+word[ \t]+)?[\"'“‘]?[A-Z0-9]{2,}\b")
# … or right after it: "… on 07700 900123, the mobile you gave us", "… (the number we have on file)"
_READERS_LINE_AFTER = re.compile(
    r"(?i)[ \t]*[,(—–-]*[ \t]*(?:that['’]?s[ \t]+)?(?:the|your)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:mobile|number|phone|cell|line)[ \t]+(?:you[ \t]+(?:gave|provided|left|registered|shared|added|gave)|"
    r"(?:we[ \t]+have[ \t]+)?on[ \t]+(?:file|record)|we[ \t]+have)\b")
_READERS_LINE_AFTER_GATE = re.compile(r"(?i)\b(?:gave|provided|left|registered|shared|added|file|record|have)\b")
# A national number's usual grouping ("0917 482 3306", "087 214 6630"): a trunk 0, then two or three groups
_NATIONAL_GROUPS = re.compile(r"\(?0\d{1,4}\)?(?:[ .-]\d{2,4}){2,3}")
# Cheap gate before phonenumbers' matcher (the slowest step): a run that could hold 7+ digits.
_PHONE_SHAPED = re.compile(r"\d[\d ().\-\u2010-\u2015/]{5,}\d")
# Dates (12/05/2024, 2024-03-01), times and dotted version numbers (10.0.19045.4291): never a phone number
_NOT_A_PHONE_RUN = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}[ T]?\d{0,2}|\d{1,4}(?:\.\d{1,6}){3,}")
_INTERNATIONAL_PHONE = re.compile(r"\+(?<![\w+]\+)\d[\d ().-]{5,20}\d(?![\w-]|[.,]\d)")
# A number that starts with a year and a separator, or with a whole date (YYYYMMDD) and one: a reference's shape
# ("zaaknummer 2025-118304", "工单号 20251120-77"); no country's phone is written so
_DATE_LIKE_PREFIX = re.compile(r"(?:19|20)\d\d(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))?[-/.]\d")
# "<e-mail> or <number>" in several languages: the number is the writer's other contact
_OR_AFTER_EMAIL = re.compile(
    r"[,;]?\s*(?:/|or|oder|ou|o|of|eller|tai|albo|lub|czy|nebo|anebo|či|vagy|sau|atau|veya|ya\s+da|или|или\s+же)\s+"
    r"(?:(?:on|at|au|al|na|pod|unter|op|på|tel\.?|phone|telefon|tlf\.?)\s+)?(?P<line>\+?\(?\d[\d ().-]{6,18}\d)(?![\w-]|[.,]\d)")
_A_LINE = ("mobile", "fixed", "either")
_GROUPED_LINE = re.compile(r"\(?\d{2,4}\)?(?:[ .-]\d{2,4}){2,4}")  # (written in groups, as lines are: not "12345678")
# What names a number as no line: a version or build ("firmware 24.06-10.00.00", "v 2.1.0441"), a travel,
# loyalty or membership card's number ("oyster card number is 0418 …": not a payment card, so no card rule takes it)
_NOT_A_LINE_BEFORE = re.compile(
    r"(?i)\b(?:(?:firmware|software|version|ver\.?|build|release|fw|bios|ios|android|update)(?:\s+(?:version|number|no\.?))?"
    r"|(?:(?:oyster|travel|transit|metro|rail|bus|season|loyalty|rewards?|membership|member|library|gym|club|student|"
    r"nectar|frequent\s+flyer)\s+card|railcard|clubcard"
    # a thing's identifier, printed on it or on its papers: a gem lab's report or a certificate ("GIA 2207…",
    # "report number on the certificate (…)"), a card terminal's merchant and terminal ids, a boiler's GC number,
    # a catalogue's, a ski pass's code ("codice sul retro dello skipass (…)"): the object's, no one's line
    r"|gia|igi|hrd|report|certificate|cert\.?|certificat|zertifikat|"
    r"certificado|certificato|merchant(?:\s+id)?|terminal(?:\s+id)?|(?-i:TID|MID|GC)|h[äa]ndlernummer|"
    r"catalogue|catalog|cat\.|katalog|catálogo|catalogo|skipass|ski\s*pass|lift\s*pass|forfait|liftkarte)"
    r"(?:\s+(?:number|no\.?|#|nummer|numéro|número|numero|numer|code|codice|código|ref\.?))?"
    r"(?:\s+(?:is|was|reads|lautet|est|es|è))?)"
    r"\s*[:#(]?\s*$")
# Numbers drawn or listed in pairs ("05 14 22 31 38 44, bonus 19"): a run of two-digit groups longer than a line's
# five, or that goes on after what the matcher took, is a list, not a line
_IN_A_LIST_OF_PAIRS = re.compile(r"\d\d(?: \d\d){3,}")
_ANOTHER_PAIR = re.compile(r"[ ,]\s?\d\d\b")
# (a dot and a space end a sentence, not a group: "… says £410. 07700 900 976")
# (or after Hebrew's one-letter preposition and its hyphen: "להתקשר אליי ל-055-342-0140", call me at …)
_ANY_PHONE = re.compile(rf"(?:(?<![\w+-])|{_AFTER_HEBREW_PREFIX})\+?\(?\d(?:[\d ()-]|\.(?!\s)){{5,20}}\d(?![\w-]|[.,]\d)")
_SLASHED_AREA_CODE = re.compile(r"(?<![\w/+-])0[1-9]\d{1,4} ?/ ?\d[\d -]{3,12}\d(?![\w/-]|[.,]\d)")

# -- addresses --------------------------------------------------------------------------------------
_STREET_SUFFIXES = (
    "street|st|avenue|ave|av|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|ter|"
    "close|crescent|cres|parkway|pkwy|highway|hwy|circle|cir|square|sq|trail|trl|row|mews|gardens|grove|"
    "hill|loop|walk|green|parade|pde|plaza|alley|broadway|expressway|freeway|pike|turnpike|causeway|view|rise|vale|"
    # (Australia's terrace, and American street names' land forms: "Bellevue Tce", "Sycamore Bend", "Heron Cove")
    "tce|bend|cove|hollow|glen|"
    # (the UK's waterside streets and blocks, "18 Canal Wharf, Flat 9", "3 Merchants Quay, …": with a unit or a
    # postcode only, see _WEAK_SUFFIXES)
    "wharf|quay")
_WEAK_SUFFIXES = frozenset({"wharf", "quay"})
# "the number on my account is …": the phone number the account holds, written as a phone number is
_NUMBER_ON_ACCOUNT_BEFORE = re.compile(r"(?i)\b(?:phone\s+|mobile\s+|contact\s+)?number\s+on\s+(?:my|your|the|his|her)\s+$")
_PHONE_GROUPS_3_3_4 = re.compile(r"\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}")
# A street's name and suffix right after a number: the number is a house's ("… to 2207-155 Yorkville Ave, Toronto")
_STREET_NAMED_AFTER = re.compile(rf"[^\S\n]+(?:[A-Z][\w'’.-]*[^\S\n]+){{1,3}}(?i:{_STREET_SUFFIXES})\b")
_STREET_SUFFIX_WORDS = frozenset(_STREET_SUFFIXES.split("|"))  # (a suffix is a whole word: for _may_match)
_STRONG_SUFFIXES = frozenset(
    "street avenue ave road rd lane ln drive boulevard blvd terrace crescent parkway highway hwy".split())
_STATE_ZIP = r"(?:,?\s*[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?|,?\s*(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT)\s+\d{4})"
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
_UK_POSTCODE_ANY_CASE = r"(?i:[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2})"
_PLACE_WORD = r"[^\W\d_][\w'’.\-]*"
_POSTAL = rf"(?:{_UK_POSTCODE_ANY_CASE}|{_STATE_ZIP}|(?i:,?\s*(?:nsw|vic|qld|tas|act)\s+\d{{4}})|\d{{5}}(?:-\d{{4}})?)"
_ADDRESS_TAIL = (
    r"(?:[ ,]+(?i:apt|apartment|unit|suite|ste|flat|fl|#)\.?\s*#?\w{1,6})?"
    rf"(?:,?\s*{_POSTAL})?"
    # city (and county or state) up to a postcode: ", Little Whinging, Surrey KT22 7QT", ", los angeles 90028"
    rf"(?:,?\s*{_PLACE_WORD}(?:,?\s+{_PLACE_WORD}){{0,3}}?,?\s*{_POSTAL}"
    # or a city alone: ", Springfield", ", San Francisco"
    r"|,\s*[^\W\d_][\w'’.\-]*(?:\s+[A-Z][a-z][\w'’.\-]*){0,2})?")
_NAME_WORD = r"(?:[^\W\d_][\w'’.\-]*|\d{1,3}(?:st|nd|rd|th))"
_STREET = re.compile(
    # (the number: "12", "12b", "3/12", "12-14"; its first digit first, see _NON_ASCII_DIGIT)
    r"(?i)(?P<number>\d(?<![\w$€£¥#.,/-]\d)(?:\d{0,3}[a-z]?/\d{1,5}|\d{0,4})[a-z]?(?:\s?-\s?\d{1,5})?)\s+"
    # up to four name words (letters, or ordinals as in "W 57th St"), optionally after a compass point
    rf"(?P<name>(?:(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?\s+)?(?:{_NAME_WORD}\s+){{0,3}}?{_NAME_WORD}\s+)??"
    rf"(?P<suffix>(?:{_STREET_SUFFIXES}))\b\.?(?P<tail>(?-i:{_ADDRESS_TAIL}))")
# A house on a numbered street in a city's quadrant (Calgary, Edmonton, Washington): "3304 17 Ave SW", "1600 9 St NW"
_QUADRANT_STREET = re.compile(r"(?<![\w$€£#.,/-])\d{2,5}[a-z]?\s+\d{1,3}(?:st|nd|rd|th)?\s+(?i:ave|avenue|st|street|rd|road|"
                              r"dr|drive|blvd|boulevard|tr|trail|way|cres|crescent)\.?\s+(?:NW|NE|SW|SE)(?![\w])")
_QUADRANTS = frozenset({"nw", "ne", "sw", "se"})
# A Canadian rural route, its site and box, the town, the province and the postcode: "RR 2 Site 14 Box 9, Warman SK
# S0K 4S0"
_RURAL_ROUTE = re.compile(
    r"\b(?:RR|R\.R\.)\s*#?\s*\d{1,3}(?:,?\s+Site\s+\d{1,3})?(?:,?\s+(?:Box|Comp)\s+\d{1,4})?,?\s+[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)?,?\s+(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")
# A Colombian address: the street's type and number, "#" (or "No."), the cross street's number, a dash and the
# house's ("Cra 15 # 93-47 apto 502", "Calle 72 No. 10-34", "Av. 68 #24B-10")
_COLOMBIAN_STREET_WORDS = frozenset("cra carrera kr cl calle cll avenida av ak ac dg diagonal tv transversal".split())
_COLOMBIAN_ADDRESS = re.compile(
    r"(?i)\b(?:cra|carrera|kr|cl|calle|cll|av|avenida|ak|ac|dg|diagonal|tv|transversal)\.?\s*\d{1,3}\s?[a-z]?(?:\s*bis)?"
    r"\s*(?:#|no\.?|n[°º])\s*\d{1,3}\s?[a-z]?\s*-\s*\d{1,3}(?![\d])"
    r"(?:,?\s*(?:apto|apartamento|apt|int|interior|casa|torre|piso|of|oficina)\.?\s*\d{1,5}[a-z]?)?")
_STREET_WITH_NAME = re.compile(_STREET.pattern.replace(r"\s+)??(?P<suffix>", r"\s+)(?P<suffix>"))
_UNIT_BEFORE = re.compile(r"(?i)\b(?:apt|apartment|unit|suite|ste|flat|fl|floor|rm|room)\.?\s*#?\s*\w{1,5},?\s*$")
_UNIT_OR_POSTCODE = re.compile(r"\d|#|(?i:\b(?:apt|apartment|unit|suite|ste|flat)\b)")
# Postcodes written before the city: 4-5 digits (DE, FR, ES, IT, BE, AT, CH, DK, NO …), Polish 00-950, Portuguese
# 1234-567, Swedish 123 45, Dutch 1234 AB, Brazilian 01310-100
_POSTCODE_CITY = (r"(?:,?\s*(?:\d{4} ?[A-Z]{2}(?![\w])|\d{5}-\d{3}|\d{4}-\d{3}|\d{2}-\d{3}|\d{3} \d{2}|\d{4,5})"
                  r"\s+[^\W\d_][\w\-]+)?")
# A unit after the house number ("int. 5", "3. tv.", "Whg. 7", "m. 4", "apto 12", "3º 2ª"): privacy_cues.UNIT_WORDS
_UNIT_AFTER = (rf"(?:,?\s*(?:(?<![\w]){cues.pattern(cues.UNIT_WORDS, cues.abroad(cues.UNIT_WORDS))}\s*"
               r"[\w/º°ª-]{1,5}\.?|\d{1,2}\s?[º°ª.]\s?(?:[a-z]{1,3}\.?|\d[ºª]?)?)(?![\w])){0,3}")
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ŽĄĆĘŁŃŚŹŻÇĞİŞ"
# A flat in a named building on a named road, with no house number (Manila, Singapore, Kuala Lumpur, Mumbai): "Unit 1205
# Tower 2, Avida Towers, Sucat Road, Parañaque", "Flat 9, Sunrise Heights, Link Road"
_UNIT_IN_BUILDING = re.compile(
    r"(?i:\b(?:unit|apt|apartment|flat|suite|rm|room)\.?\s*#?\s*\d{1,5}[a-z]?(?:\s+(?:tower|bldg|building|block|blk)\s+\w{1,4})?"
    rf",\s*)(?:[{_CAPITAL}][\w'’-]*\s+){{1,3}}(?i:towers?|residences?|condominiums?|condo|heights|court|mansions?|"
    r"building|bldg|plaza|apartments|gardens|estate|villas?)\s*,\s*(?:[" + _CAPITAL + r"][\w'’-]*\s+){1,3}"
    r"(?i:road|rd|street|st|avenue|ave|drive|dr|highway|hwy|boulevard|blvd|lane)\b\.?")
_STREETS_ABROAD = (
    # German, Dutch, Nordic: one capitalised word ending in the street word, then the number (Hauptstraße 12,
    # Drottninggatan 5, Nørregade 12, 3. tv.): privacy_cues.STREET_ENDINGS
    re.compile(rf"(?<![\w])[{_CAPITAL}][\w\-]*(?:{cues.pattern(cues.STREET_ENDINGS)[3:-1]})"
               rf",?\s+\d{{1,4}}[a-z]?(?:[-/]\d{{1,3}}|-?(?:III|II|I|hs|bis))?(?![\w]){_UNIT_AFTER}{_POSTCODE_CITY}"),
    # Spanish, Portuguese, Italian, Polish …: street word, name, number (Calle Mayor 45, Rua das Flores, 123, Via
    # Garibaldi 8, int. 5, 20121 Milano, ul. Długa 5 m. 3): privacy_cues.STREET_WORDS_BEFORE; the name starts with a
    # capital (after "de", "da", "di" …), so that "via the app 2" is no street
    re.compile(rf"(?i)(?<![\w])(?:{cues.pattern(cues.STREET_WORDS_BEFORE)[3:-1]}|c/|avda\.?)\s*"
               # (not a clothing size: Danish "jakke i str. L", "str. XL")
               r"(?!(?-i:X{0,3}[SML]|XXL)\b)"
               r"(?:(?:de|del|de la|de los|di|da|do|das|dos|della|delle|dei|degli|des|du|san|santa|são)\s+)*"
               # (not a brand written in inner capitals: "via MobilePay til vores boks 41", "vía WhatsApp 3 veces")
               rf"(?-i:(?![A-Za-z]*[a-z][A-Z])[{_CAPITAL}1-9])[\w'’.\-]*(?:\s+[\w'’.\-]+){{0,4}}?,?\s+(?:n[º°o]\.?\s*|nr\.?\s*)?"
               # (not a time of day: "rue des Tanneurs depuis 7h ce matin")
               r"(?!\d{1,2}h(?:\d\d)?(?![\w]))\d{1,4}[a-z]?"
               # (not a count: "via Apple Pay 2 times", "Plaza Premium 3 hours")
               r"(?![\w%€$£:])(?!\.\d)(?!\s+(?:times|x|days?|hours?|hrs?|mins?|minutes?|weeks?|months?|years?|items?|people|"
               r"pcs|pieces|euros?|dollars?|pounds?|am|pm|gb|mb|kg|km|miles?|points?|stars?|tickets?|seats?|"
               # … and in the other languages (volte, veces, fois, mal, keer, razy, gånger, kez, giorni, días …)
               r"volte|veces|fois|mal|keer|razy|gånger|gange|ganger|kez|vezes|giorni|días|dias|jours|tage|dagen|dni|"
               r"dagar|dage|gün|ore|horas|heures|stunden|uur|minuti|minutos|minuten|mesi|meses|mois|monate)\b)"
               rf"{_UNIT_AFTER}{_POSTCODE_CITY}"),
    # French: number, street word, name (12 rue de la Paix, 75002 Paris)
    # (and a flat, building or floor before the postcode: "27 avenue Jean-Jaurès, apt 14, 31000 Toulouse")
    re.compile(r"(?i)(?<![\w])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|av\.|avenue|bd\.?|boulevard|chemin|all[ée]e|"
               r"impasse|quai|cours|passage|square|faubourg|fbg|r[ée]sidence|lotissement)"
               r"(?:\s+[\w'’\-]+){1,5}(?:\s*,\s*(?:apt|appt|app\.?|appartement|b[âa]t\.?|b[âa]timent|[ée]tage|esc\.?|"
               rf"escalier)\s*[\w]{{1,4}})*{_POSTCODE_CITY}"),
    # Turkish: name, street word, number (Bağdat Caddesi No: 123, Moda Cad. No:12 D:5)
    re.compile(rf"(?<![\w])[{_CAPITAL}][\w'’\-]+\s+(?:Caddesi|Cadde|Cad\.|Cd\.|Sokak|Sokağı|Sok\.|Sk\.|Bulvarı|"
               r"Blv\.|Mahallesi|Mah\.|Mh\.)\s*,?\s*(?:No\s*[:.]?\s*)\d{1,4}[a-zA-Z]?(?![\w])"
               r"(?:\s*(?:D|Daire|Kat)\s*[:.]?\s*\d{1,3})?"),
    # German and Nordic with the street word apart, after an adjective or a genitive (Kolberger Straße 5, Lyoner
    # Straße 14: the name ends in -er or -s); the Nordic "gate", "vej" … only with a postcode and
    # a town after (Thereses gate 21B, 0358 Oslo), as "gate 21" is also an airport's
    re.compile(rf"(?<![\w])[{_CAPITAL}][\w\-]*(?:er|s)\s+(?:Straße|Strasse|Str\.|Allee|Weg|Platz|Damm|Chaussee)\s*"
               rf"\d{{1,4}}[a-zA-Z]?(?:[-/]\d{{1,3}}){{0,2}}(?![\w]){_UNIT_AFTER}{_POSTCODE_CITY}"
               rf"|(?<![\w])[{_CAPITAL}][\w\-]*s\s+(?:gate|gata|gatan|vei|veien|vej|gade|väg|vägen)\s+\d{{1,4}}[a-zA-Z]?"
               rf"(?![\w]),?\s*(?:\d{{4}}|\d{{3}} \d{{2}})\s+[{_CAPITAL}][\w\-]+"),
)
# Russian, Ukrainian, Belarusian: street word, name, house number, flat ("ул. Профсоюзная, д. 64, кв. 118", "вул.
# Січових Стрільців 37, кв. 14", "пр-т Мира, 5"): the words are abbreviations used for streets alone
_CYRILLIC_STREET = re.compile(
    r"(?i)(?<![\w])(?:ул|вул|улица|вулиця|пр-т|просп|проспект|пер|провулок|переулок|бул|бульв|бульвар|наб|пл|ш)\.?"
    r"[ \t]*(?-i:[А-ЯЁІЇЄҐ])[\w'’.\-]*(?:[ \t]+[\w'’.\-]+){0,3}?,?[ \t]+(?:(?:д|буд|дом)\.?[ \t]*)?\d{1,4}"
    r"(?:[ \t]?[а-яa-z](?![\w]))?(?:/\d{1,4})?"
    r"(?:,?[ \t]*(?:кв|корп|к|стр|под|эт|офис|оф)\.?[ \t]*\d{1,4})*(?![\w])")
_CYRILLIC_STREET_GATE = re.compile(r"(?i)(?<![\w])(?:ул|вул|улица|вулиця|пр-т|просп|проспект|пер|провулок|переулок|"
                                   r"бул|бульв|бульвар|наб|пл|ш)\.?[ \t]*[А-ЯЁІЇЄҐ]")
# a home's: a flat number, or an address or delivery word before it; not a shop's, an office's or "ours"
_CYRILLIC_FLAT = re.compile(r"(?i)(?<![\w])(?:кв|квартира)\.?[ \t]*\d")
_CYRILLIC_HOME_BEFORE = re.compile(r"(?i)адрес|доставл|достав|привез|прожива|живу|живём|живемо")
_CYRILLIC_BUSINESS_BEFORE = re.compile(
    r"(?i)(?<![\w])(?:наш|наша|наше|наши|наші|нас|нами|компани|компані|офис|офіс|магазин|аптек|отделени|відділенн|филиал|"
    r"філі|салон|склад|пункт|ресторан|кафе|клиник|клінік|банк)")


def _cyrillic_home(text: str, match: re.Match) -> bool:
    before = text[_clause_before(text, match.start(), 60):match.start()]
    return _CYRILLIC_BUSINESS_BEFORE.search(before) is None and \
        (_CYRILLIC_FLAT.search(match.group()) is not None or _CYRILLIC_HOME_BEFORE.search(before) is not None)


# "Vinohradská 112, 130 00 Praha 3", "Mariahilfer Straße 88/2/14, 1070 Wien", "Vasagatan 5B, 411 24 Göteborg",
# "Mannerheimintie 42 B 17, 00260 Helsinki", "Thorvald Meyers gate 56, 0555 Oslo": a street name (with or without a
# street word, in any language) and a house number with its door, staircase or flat, then a comma, a postcode of the
# continent's shapes and a town. Found from the postcode and town (_POSTCODE_TOWN), then read backwards
# (_STREET_NUMBER_BEFORE on the text before it).
_POSTCODE_TOWN = re.compile(
    # (a Dutch postcode's two letters are its own, not the town's: "2593 BK Den Haag")
    rf",(?<=\w,)[ \t]*(?:\d{{4}} ?[A-Z]{{2}}(?![^\W\d_])|\d{{4,5}}|\d{{3}} \d{{2}}|\d{{2}}-\d{{3}}|[A-Z]{{1,2}}-\d{{4,5}})[ \t]+"
    rf"(?P<town>[{_CAPITAL}][^\W\d_]+(?:[ \t-][{_CAPITAL}][^\W\d_]+)?(?:[ \t]\d{{1,2}}(?![\w]))?)")
_STREET_NUMBER_BEFORE = re.compile(
    rf"(?<![\w])(?P<street>[{_CAPITAL}][\w'’.\-]{{2,}}(?:[ \t]+[\w'’.\-]+){{0,2}}?)[ \t]+"
    r"\d{1,4}(?:[ \t]?[A-Za-z])?(?:[/-]\d{1,4}){0,3}(?:[ \t]+[A-Z][ \t]?\d{1,3})?"
    # a flat after the number ("Vinohradská 48, byt 7", "Hauptstraße 3, Whg. 12", "Lange Gasse 9, Top 4")
    r"(?:,?[ \t]*(?i:byt|č\.[ \t]?b\.|whg\.|wohnung|top|stiege|lgh|apt\.?|ap\.|m\.|lok\.)[ \t]*\d{1,4}[a-z]?"
    # (or a floor and a side: "Am Mühlbach 7a, 3. OG links")
    r"|,?[ \t]*\d{1,2}\.[ \t]?(?i:OG|Stock|Etage)(?:[ \t]+(?i:links|rechts|mitte))?)?$")
# A word of an address or of sending to one, in any of the languages, also inside a compound ("na adrese",
# "leveransadressen", "Lieferanschrift", "osoite", "ship to", "wohne"): a street before a postcode and town is a
# person's only with one in its sentence or the one before
_ADDRESS_STEM = re.compile(
    r"(?i)adres|adress|addres|addy|anschrift|wohne|osoit|indirizz|direcci|endere[çc]|domicil|deliver|ship|send|"
    r"\blive|\bbor\b|\bwoon|liefer|zustell|envo[iy]|envia|spedi|entreg|dostaw|doru[cč]|toimit|teslim|lever|"
    # (a visit to the home: "de monteur komt … naar de Laan van Meerdervoort 433, 2563 AZ Den Haag")
    r"monteur|techniker|technicien|t[ée]cnico|\bengineer|bezorg|\bvisit|"
    # (sent by post: "falls ihr es per Post schickt: Friedrich Hoffmann, Am Anger 3, 99084 Erfurt")
    r"schick|\bper\s+post\b|"
    # (where a parcel goes, in Swedish, Norwegian and Danish: "paketet ska till Storgatan 17B, lgh 1203, 411 38 …")
    r"\bska\s+till\b|\bskal\s+til\b")
# what a town after a number never is: a currency, a unit, a month (a price, a quantity, a date)
_NOT_A_TOWN = re.compile(
    r"(?i)(?:eur|euro|euros|usd|gbp|chf|sek|nok|dkk|pln|czk|kč|kr|zł|tl|lei|ft|stück|stk|pcs|items|units|points|"
    r"kg|km|mb|gb|mal|times|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|january)\b")
# An Irish Eircode named as one ("Eircode D08 X2Y7"): unlike a UK postcode, it identifies one dwelling
_EIRCODE = re.compile(r"(?i)\beircode\b\s*(?:is|:|-)?\s*(?P<value>(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4})"
                      r"(?![\w])")
# The words each of _STREETS_ABROAD needs (None: a word ending in a street word, _ADDRESS_GATE_ENDINGS)
_STREETS_ABROAD_GATES: tuple[frozenset[str] | None, ...] = (
    None, cues.gate(cues.STREET_WORDS_BEFORE) | {"c", "avda"},
    frozenset("rue av bd chemin allée allee impasse quai avenue boulevard cours passage square faubourg fbg résidence "
              "residence lotissement".split()),
    frozenset("caddesi cadde cad cd sokak sokağı sok sk bulvarı blv mahallesi mah mh".split()),
    frozenset("straße strasse str allee weg platz damm chaussee gate gata gatan vei veien vej gade väg vägen".split()))
# A UK postcode or an Irish Eircode ending place names apart by commas, after a house number or name ("Ty Gwyn,
# Llanfair Road, Ruthin LL15 1BB", "3 Ashgrove Park, Naas, Co. Kildare W91 X2P7"): the full postcode is a house's
_FULL_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4})"
_FULL_POSTCODE_ALONE = re.compile(rf"(?<![\w]){_FULL_POSTCODE}(?![\w])")
# (a name's small words, "Heol y Coed", "Cnoc na Gréine", and a city's district number, "Dublin 3")
_PLACE_NEXT_WORD = r"\s+(?:[A-Z][\w'’.-]*|(?:y|yr|na|an|de|la|le|du|of|upon)(?=\s+[A-Z]))"
_PLACES_FULL_POSTCODE = re.compile(
    rf"(?<![\w,])(?P<head>(?:\d{{1,4}}[a-zA-Z]?\s+)?[A-Z][\w'’.-]*(?:{_PLACE_NEXT_WORD}){{0,3}})"
    rf"(?P<places>(?:,\s*(?:[A-Z][\w'’.-]*(?:{_PLACE_NEXT_WORD}){{0,3}}|"
    r"(?!(?:Unit|Flat|Apt|Suite|Block|Floor|Room|Building|Box)\b)[A-Z][\w'’.-]*\s+\d{1,2}(?=,))){1,4}?)"
    rf",?\s+{_FULL_POSTCODE}(?![\w])")
# Words one of the address rules needs (a cheap test on the text's words before the costly patterns)
_HOUSE_FIRST_GATE = frozenset({"house", "hse", "plot", "villa", "lot", "apt"})
_HOUSE_FIRST_ADDRESS = re.compile(
    r"(?i)\b(?:house|hse|plot|villa|lot|apt)\s*(?:no\.?\s*|#\s*)?\d{1,4}(?:-?[a-z])?\s*,(?:[^\S\n]*[^,.\n!?]{2,40},){1,4}[^\S\n]*"
    r"(?-i:[A-Z])[\w-]+(?:[^\S\n]+\d{5})?")
_UNIT_GATE_WORDS = frozenset("flat apt apartment unit suite house door plot villa block".split())
_ADDRESS_GATE_WORDS = frozenset(_STREET_SUFFIXES.split("|")) | frozenset(
    "calle c avenida avda paseo camino carrer rua travessa viale corso piazza rue av bd chemin allée allee impasse "
    "quai box postfach apartado address addr addy adress adresse dirección direccion endereço endereco indirizzo "
    "live living lives ship shipped deliver delivered send post postcode postal zip plz".split()) | \
    cues.gate(cues.STREET_WORDS_BEFORE)
_ADDRESS_GATE_ENDINGS = tuple(sorted({e.rstrip(".") for group in cues.STREET_ENDINGS.values() for e in group}))


def _tails(endings: tuple[str, ...]) -> tuple[int, frozenset[str]]:
    """The length of the shortest ending, and each ending's last characters of that length: a word whose own last
    characters are none of these ends with none of the endings, and one set look-up says so faster than
    str.endswith over them all."""
    shortest = min(map(len, endings))
    return shortest, frozenset(e[-shortest:] for e in endings)


_ENDING_TAIL_LENGTH, _ADDRESS_GATE_TAILS = _tails(_ADDRESS_GATE_ENDINGS)


def _street_ending(words: frozenset[str] | set[str]) -> bool:
    """Whether a word of the text ends with a street ending ("Hauptstraße", "Storgatan"): str.endswith over the
    words, faster than one search of them joined by spaces."""
    return not _ADDRESS_GATE_TAILS.isdisjoint([word[-_ENDING_TAIL_LENGTH:] for word in words]) and \
        any(word.endswith(_ADDRESS_GATE_ENDINGS) for word in words)


# -- street forms of East and South-East Asia ----------------------------------------------------------------
# Addresses written in CJK, Hangul or Thai have no spaces between their parts and no street words the patterns
# above know, so each country has its own pattern, tried only on a text holding one of its marks
# (_SCRIPT_ADDRESS_GATE: one character-class search, and most texts are ASCII and skip even that). A parser such
# as libpostal would split an address already found but cannot tell whether a text holds one, and its model is
# gigabytes: these are the countries' official forms, written from their postal conventions.
# Japan: prefecture (都道府県), city, ward, town or village (市区町村郡), district, then chōme-banchi(-gō) as
# "2-14-7" or "2丁目14番7号" (never starting with 0: "03-1234-5678" is a line), and a building with its room
# ("グリーンハイツ301号室"). The prefectures are named one by one: a kanji run before them ("配送先東京都") is no
# part of the address.
_JP_PREFECTURES = (
    "北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|"
    "富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|"
    "鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|"
    "鹿児島県|沖縄県")
_JP_DASH = "[-‐－−―ー]"
# China and Taiwan: province, city, district or county (省市区县镇), then a road or street (路, 街, 大道, 巷, 胡同;
# Taiwan's 四段 sections, lanes and alleys 123弄, 5巷), the house number with 号/號, and the building, unit, floor
# and room (3号楼 1201室, 12 栋 2302 室, 5樓). With a city or district before it or a unit after it: "人民路1号"
# alone may be a landmark's. The place starts after the words that lead to it ("我家在…", "送至…").
_ZH_PLACE_CHAR = r"(?:[\u4e00-\u9fff](?<![在到至送寄往是住的于於为為我您你址]))"
_ZH_ADDRESS = re.compile(
    rf"(?P<place>(?:{_ZH_PLACE_CHAR}{{1,7}}?[省市县縣区區镇鎮乡鄉])+)?"
    rf"{_ZH_PLACE_CHAR}{{1,10}}?(?:路|街|大道|道|巷|胡同)(?:[一二三四五六七八九十]{{1,2}}段)?"
    r"(?:[ \u3000]?[1-9][0-9]{0,3}[ \u3000]?[巷弄]){0,2}"
    r"[ \u3000]?(?P<number>[1-9][0-9]{0,4}(?:之[0-9]{1,3})?)[ \u3000]?[号號]"
    r"(?P<unit>(?:[ \u3000]?(?:[1-9][0-9]{0,4}[ \u3000]?(?:号楼|號樓|栋|棟|幢|座|单元|單元|楼|樓|层|層|室|号|號|F|f)"
    r"|[A-Z][座室]|之[0-9]{1,3}))*)")
# Israel: a street (after רחוב, "street", or its abbreviation, with a glued preposition: "לרחוב"), its number, and a
# flat or floor (דירה, קומה): a home's address has its flat ("הרצל 42, דירה 8")
# (the street's name is no street word nor the word "address", so a match starts at the one or after the other: "השליח
# יגיע לרחוב הרצל 42, דירה 8" from "רחוב", "כתובת ביאליק 15 דירה 4" from "ביאליק")
_HE_NAME_WORD = (r"(?<![\u05d0-\u05ea])(?![בלמה]?(?:רחוב|רח['׳]|שדרות|שד['׳])\s|כתובת)"
                 r"[\u05d0-\u05ea][\u05d0-\u05ea\"'׳״-]{1,20}")
_HE_ADDRESS = re.compile(
    # (a one-letter preposition glued before the street word is left out of the address: "לרחוב")
    r"(?:(?<![\u05d0-\u05ea][\u05d0-\u05ea])(?<![\u05d0\u05d2\u05d3\u05d5-\u05db\u05dd\u05df-\u05ea])"
    r"(?P<word>רחוב|רח['׳]|שדרות|שד['׳])\s+)?"
    rf"{_HE_NAME_WORD}(?:\s+{_HE_NAME_WORD}){{0,2}}"
    r"\s+(?P<number>[1-9][0-9]{0,3})(?P<unit>(?:\s*,?\s*(?:דירה|דיר['׳]|קומה)\s*[0-9]{1,4})+)")
# Korea: a district or county (구, 군, 시) after an optional city or province, then a road (로, 길, "570번길") and
# the building number, or a neighbourhood (동, 읍, 면, 리, 가) and its lot number ("역삼동 123-45"), with the
# building's wing and flat ("101동 1502호"). Not a number of hours, days, won … ("매장으로 3시").
_KO_ADDRESS = re.compile(
    r"(?:[가-힣]{2,8}(?<![은는을를에의로서])[ \t]+)?(?:[가-힣]{1,8}(?:시|군|구)[ \t]+){1,2}(?:[가-힣]{1,6}(?:읍|면)[ \t]+)?"
    r"(?:[가-힣0-9]{1,12}(?<!으로)(?:로|길)(?:[ \t]?[0-9]{1,4}번?길)?|[가-힣0-9]{1,8}(?:동|리|가))"
    r"[ \t]?(?P<number>[1-9][0-9]{0,4}(?:-[0-9]{1,4})?)(?:번지)?"
    r"(?![0-9]|[ \t]?(?:시|분|일|개|원|명|번|층|차|년|월|주|회|%|km))"
    r"(?:[ \t]*,?[ \t]*(?:[0-9]{1,4}[ \t]?동[ \t]?)?[0-9]{1,5}[ \t]?호)?")
# (not a count or a time after the number: "地区2-3日で復旧")
_SCRIPT_COUNT_AFTER = "(?![0-9]|[日時分月年回個件円人台本枚名週〜~%])"
_JP_ADDRESS = re.compile(
    rf"(?:(?:{_JP_PREFECTURES})[ \u3000]?)?"
    # city, ward …: kanji or katakana (not the kanji of "送付先", "配送先" before it)
    r"(?:[\u3005\u30a1-\u30fa\u30fc\u4e00-\u9fff](?<![先宛所在])){1,6}?[市区町村郡]"
    r"(?:[\u3005\u30a1-\u30fa\u30fc\u4e00-\u9fff](?<![先宛所在])){0,6}?[市区町村郡]?"
    # the district, with Hokkaido's "北1条西" grid
    r"[\u3005\u3041-\u3093\u30a1-\u30fa\u30fc\u4e00-\u9fff]{0,8}?(?:[0-9]{1,2}条[東西南北]?)?"
    rf"(?P<number>[1-9][0-9]{{0,3}}(?:丁目[ \u3000]?[0-9]{{1,4}}(?:番地?[ \u3000]?(?:[0-9]{{1,4}}号?)?|{_JP_DASH}[0-9]{{1,4}}|の[0-9]{{1,4}})?"
    rf"|(?:{_JP_DASH}|の)[0-9]{{1,4}}(?:(?:{_JP_DASH}|の)[0-9]{{1,4}})?号?|番地?[0-9]{{1,4}}号?)){_SCRIPT_COUNT_AFTER}"
    # a building and its room
    r"(?:[ \u3000]?[A-Za-z\u3005\u30a1-\u30fa\u30fc\u4e00-\u9fff・]{1,20}[ \u3000]?[1-9][0-9]{0,3}(?:号室|号|室)?(?![0-9])"
    r"|[ \u3000]?[1-9][0-9]{0,3}(?:号室|室))?")
# Thailand: house number ("88/14", with its village group "หมู่ 3"), a soi, road or village (ซอย, ถนน, หมู่บ้าน),
# then the sub-district (แขวง, ตำบล), the district (เขต, อำเภอ), the province and a five-digit postcode
_TH_ADDRESS = re.compile(
    # (or a house number named so, "บ้านเลขที่ 59/12 ซอยลาดพร้าว 64": a home by its own word)
    r"บ้านเลขที่[ \t]*(?P<house>[1-9][0-9]{0,3}(?:/[0-9]{1,4})?)(?![0-9])"
    r"(?:[ \t]*(?:ซอย|ซ\.|ถนน|ถ\.|หมู่)[^\n,0-9 ]{0,30}(?:[ \t]*[0-9]{1,4})?(?:[ \t]*แยก[ \t]*[0-9]{1,3})?)?|"
    r"(?<![0-9/])(?P<number>[1-9][0-9]{0,3}(?:/[0-9]{1,4})?)[ \t]*(?:หมู่(?:ที่)?[ \t]*[0-9]{1,3}[ \t]*)?"
    r"(?:ซอย|ซ\.|ถนน|ถ\.|หมู่บ้าน)[^\n]{0,60}?(?:แขวง|ตำบล|ต\.)[^\n]{0,40}?(?:เขต|อำเภอ|อ\.)[^\n]{0,40}?"
    r"(?<![0-9])[1-9][0-9]{4}(?![0-9])")
# Greece: a street word (Οδός, Λεωφόρος, Πλατεία) or none, the name in capitals, the number, a floor or flat, and
# the postcode "114 73" with the town; with the street word the postcode may be left out
_EL_CAPITAL = "Α-ΩΆΈΉΊΌΎΏ"
_EL_ADDRESS = re.compile(
    rf"(?:(?P<word>Οδός|Οδ\.|Λεωφόρος|Λεωφ\.|Πλατεία|Πλ\.)[ \t]+)?[{_EL_CAPITAL}][\w'.-]*(?:[ \t]+[{_EL_CAPITAL}][\w'.-]*){{0,3}}"
    r"[ \t]+(?P<number>[1-9][0-9]{0,3}[Α-Ωα-ω]?)(?![0-9])"
    rf"(?P<postcode>(?:[ \t]*,[ \t]*[^,\n]{{1,25}}?)??[ \t]*,?[ \t]*[1-9][0-9]{{2}}[ \t]?[0-9]{{2}}[ \t]+[{_EL_CAPITAL}][\w-]+)?")
# Arabic: a street or road (شارع, طريق) and its name, the building (عمارة, مبنى, فيلا, منزل) and its number, then
# the flat (شقة), the district (حي), the city and the postcode apart by commas: with a flat or a postcode
_AR_ADDRESS = re.compile(
    r"(?:شارع|طريق)[^\n.؟!،,]{2,40}?[ \t]*[،,][ \t]*(?:عمارة|مبنى|بناية|فيلا|منزل)[ \t]*(?:رقم[ \t]*)?"
    r"(?P<number>[0-9]{1,5})(?![0-9])(?:[ \t]*[،,][ \t]*[^\n.؟!،,]{1,25}){0,4}")
# India in Devanagari: a flat, plot or house number (फ्लैट, प्लॉट, मकान), places apart by commas, and the PIN code
_HI_ADDRESS = re.compile(
    r"(?:फ्लैट|फ़्लैट|प्लॉट|मकान)[ \t]*(?:नं\.?|नंबर|संख्या)?[ \t]*(?P<number>[0-9]{1,5}[A-Za-z]?)(?![0-9])"
    r"(?:[ \t]*,[ \t]*[^,\n।]{1,30}){1,7}?[ \t]*,?[ \t]*[1-9][0-9]{2}[ \t]?[0-9]{3}(?![0-9])")
_SCRIPT_ADDRESSES: dict[str, re.Pattern] = {
    "address.japan": _JP_ADDRESS, "address.china": _ZH_ADDRESS, "address.korea": _KO_ADDRESS,
    "address.thailand": _TH_ADDRESS, "address.greece": _EL_ADDRESS, "address.arabic": _AR_ADDRESS,
    "address.devanagari": _HI_ADDRESS, "address.israel": _HE_ADDRESS,
}
# each pattern's marks: one of them must be in the text (a search of one character class for them all first)
_SCRIPT_ADDRESS_MARKS: dict[str, re.Pattern] = {
    "address.japan": re.compile(r"[0-9](?:丁目|番|[-‐－−―ーの][0-9])"),
    "address.china": re.compile(r"[0-9][ \u3000]?[号號]"),
    "address.korea": re.compile(r"[로길동리가][ \t]?[1-9]"),
    "address.thailand": re.compile(r"(?:แขวง|ตำบล|ต\.)[^\n]{0,40}?(?:เขต|อำเภอ|อ\.)|บ้านเลขที่"),
    "address.greece": re.compile(rf"[0-9]{{3}}[ \t]?[0-9]{{2}}[ \t]+[{_EL_CAPITAL}]|Οδός|Οδ\.|Λεωφόρος|Λεωφ\.|Πλατεία"),
    "address.arabic": re.compile(r"شارع|طريق"),
    "address.devanagari": re.compile(r"फ्लैट|फ़्लैट|प्लॉट|मकान"),
    "address.israel": re.compile(r"[0-9]\s*,?\s*(?:דירה|דיר['׳]|קומה)"),
}
_SCRIPT_ADDRESS_GATE = re.compile(r"[丁番市区町村郡都道府県号號로길동แตบΑ-Ωشطफपדק]")
_SCRIPT_BUSINESS = re.compile(cues.pattern(cues.BUSINESS_PLACE_MARKS))
_SCRIPT_STATION = re.compile(cues.pattern(cues.STATION_MARKS))
_SCRIPT_HOME = re.compile(cues.pattern(cues.HOME_MARKS))
# a business's building named right after the address ("… 2-21-1 サクラ物流センター 返品係", "…1号 本公司")
_SCRIPT_BUSINESS_AFTER = re.compile(rf"[ \u3000]?[^\s、。,，：:！？!?]{{0,12}}?{_SCRIPT_BUSINESS.pattern}")
_SCRIPT_CLAUSE_ENDS = "。！？!?\n"
# (a word that merely ends in 역 is no station: 지역 region, 영역, 구역, 무역)
_NOT_A_STATION = frozenset("지영구무경")


# Vietnam: house number (with its alley, "27/4", "hẻm 12"), street name, then ward (Phường/P./Xã), district
# (Quận/Q./Huyện) and city (TP., Thành phố), apart by commas; with a ward or a district ("Quận 5, TP.HCM" alone has
# no house). Names are capitalised syllables ("Nguyễn Thị Minh Khai") or numbers ("Phường 2").
_VI_CAPITAL = "A-ZÀ-ÝĂĐĨŨƠƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA, 2))
_VI_NAME = rf"[{_VI_CAPITAL}0-9][\w'’-]*(?:[ \t]+[{_VI_CAPITAL}0-9][\w'’-]*){{0,4}}"
_VI_ADDRESS = re.compile(
    r"(?<![\w/.,-])(?:(?i:số)(?:\s+(?i:nhà))?\s+)?[1-9][0-9]{0,3}[A-Za-z]?(?:/[0-9]{1,4}[A-Za-z]?){0,3}"
    r"(?P<alley>\s+(?i:hẻm|hem|ngõ|ngo|ngách|ngach|kiệt|kiet)\s+[0-9]{1,4}(?:/[0-9]{1,4})*)*"
    # (a street's name has two syllables or more, or follows "đường"/"phố": "Giao 2 Hộp, Quận 1" is no street)
    rf",?\s+(?:(?i:đường|duong|phố|pho)\s+{_VI_NAME}|[{_VI_CAPITAL}][\w'’-]*(?:[ \t]+[{_VI_CAPITAL}0-9][\w'’-]*){{1,4}})"
    rf"(?P<ward>\s*,\s*(?i:phường|phuong|p\.|xã|thị\s+trấn|tt\.)\s*{_VI_NAME})?"
    rf"(?P<district>\s*,\s*(?i:quận|quan|q\.|huyện|huyen|thị\s+xã|tx\.)\s*{_VI_NAME})?"
    rf"(?:\s*,\s*(?:(?i:thành\s+phố|tp\.?|tỉnh)\s*)?{_VI_NAME})?"
    # (a room, floor or flat after it: "45 ngõ 120 Hoàng Quốc Việt, phòng 502")
    r"(?P<unit>\s*,\s*(?i:phòng|phong|tầng|tang|lầu|lau|căn\s+hộ|can\s+ho)\s*[0-9]{1,4}[A-Za-z]?)?")
# Indonesia and Malaysia: "Jl./Jalan/Gg. name No. 45" (or Malaysia's "No. 12, Jalan name"), then RT/RW, kelurahan,
# kecamatan and places apart by commas, and a postcode. The house number ("No.") makes it a house, not a street.
_ID_PLACE = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z0-9][\w.'’-]*){0,2}"
_ID_ADDRESS = re.compile(
    # (the street's name in capitals or numbers, "Km 5": "Jalan Sudirman macet parah, no 1" is no house)
    r"(?<![\w.])(?:(?i:jl|jln|jalan|gg|gang)\.?[ \t]+[A-Z0-9][\w.'’-]*(?:[ \t]+(?:[A-Z0-9][\w.'’-]*|km)){0,5}?"
    r"[ \t]*,?[ \t]*(?i:no|nomor|nomer)\.?[ \t]*:?[ \t]*[0-9]{1,4}[A-Za-z]?(?:[ \t]?[-/][ \t]?[0-9]{1,4}[A-Za-z]?)?(?![\w])"
    r"|(?i:no)\.?[ \t]*[0-9]{1,4}[A-Za-z]?(?:-[0-9]{1,4})?,[ \t]*(?i:jalan|jln\.?|lorong|persiaran|lebuh)[ \t]+"
    r"[A-Z0-9][\w.'’-]*(?:[ \t]+[A-Z0-9][\w.'’-]*){0,4})"
    r"(?:[ \t]*,?[ \t]*(?i:rt)\.?[ \t]*[0-9]{1,3}[ \t]*/[ \t]*(?i:rw)\.?[ \t]*[0-9]{1,3})?"
    rf"(?:[ \t]*,[ \t]*(?:(?i:kel|kec|kab|desa|kota|kelurahan|kecamatan|kabupaten|gg|gang)\.?[ \t]+)?{_ID_PLACE}){{0,5}}"
    rf"(?:[ \t]*,?[ \t]+[0-9]{{5}}(?![\w])(?:[ \t]+{_ID_PLACE})?)?")
# India: a house, flat, door or plot number ("H.No. 8-2-293/82", "Flat no. 302", "D.No 4-5"), then places apart by
# commas, which may hold numbers ("Road No. 14", "14th Cross", "HSR Layout Sector 2"), and a six-digit PIN code
# ("Hyderabad 500034", "Gurgaon - 122001"); without the PIN code, two places or more and a locality word among
# them (Nagar, Colony, Layout, Sector …: "Plot 4, Sector 7 has a water cut" names an area). (_UNIT_PLACES_POSTCODE takes no "no." after the word and no numbers among the places.)
_IN_WORD = r"(?![1-9][0-9]{2}[ \t]?[0-9]{3}(?![\w-]))[A-Z0-9][\w'’-]*(?:\.(?=[ \t,]?[\w,]))?"  # (not a PIN code)
_IN_PART = rf"(?-i:{_IN_WORD}(?:[ \t]+{_IN_WORD}){{0,4}})"
_IN_ADDRESS = re.compile(
    r"(?i)(?<![\w])(?:h\.?[ \t]?no|house[ \t]+no|flat(?:[ \t]+no)?|door[ \t]+no|d\.?[ \t]?no|plot(?:[ \t]+no)?|"
    r"qtrs?\.?[ \t]+no|quarters?[ \t]+no)\.?[ \t]*[:#-]?[ \t]*[a-z]?[0-9]{1,5}[a-z]?(?:[ \t]?[-/][ \t]?[a-z]?[0-9]{1,5}[a-z]?){0,4}"
    rf"(?P<parts>(?:[ \t]*,[ \t]*{_IN_PART}){{1,7}})"
    r"(?:[ \t]*,?[ \t]*(?:-[ \t]*)?(?P<pin>[1-9][0-9]{2}[ \t]?[0-9]{3})(?![\w-]))?")
_IN_LOCALITY = re.compile(r"(?i)\b(?:nagar|colony|layout|sector|enclave|vihar|puram|extension|block|phase|society|"
                          r"apartments?|apts|residency|cross|main|road)\b")
# The same with no house word: a house or flat number first ("B-204", "21", "3-6-110"), places apart by commas, a
# town and a PIN code ("B-204, Shanti Kunj Apartments, Sector 12, Dwarka, New Delhi 110075", "21, 2nd Main, Jayanagar
# 4th Block, Bengaluru 560011", "3-6-110 Himayatnagar, Hyderabad 500029"), with a locality's word or a city's name
_IN_ADDRESS_UNLABELLED = re.compile(
    r"(?<![\w/.-])(?<![0-9][ \t])(?:[A-Z]-?[0-9]{1,4}|[0-9]{1,4}(?:-[0-9]{1,4}){0,3}[A-Za-z]?)(?![ \t]*[0-9]{3})"
    rf"(?P<parts>(?:[ \t]*,[ \t]*{_IN_PART}|[ \t]+{_IN_PART}(?=[ \t]*,)){{2,7}})"
    r"[ \t]*,?[ \t]*(?:-[ \t]*)?(?P<pin>[1-9][0-9]{2}[ \t]?[0-9]{3})(?![\w-])")
_IN_CITIES = frozenset("delhi mumbai bengaluru bangalore hyderabad chennai kolkata pune noida gurgaon gurugram ahmedabad "
                       "jaipur lucknow chandigarh kochi indore bhopal nagpur surat".split())
# Malaysia and Singapore: a house number before "Jalan" ("26 Jalan Ampang Hilir, 55000 KL", "31 Jalan Bunga Raya,
# #02-01, Singapore 579832"), places and a unit apart by commas, and a five- or six-digit postcode
_MY_ADDRESS = re.compile(
    r"(?<![\w.#])[0-9]{1,4}[A-Za-z]?(?:-[0-9]{1,4})?[ \t]+(?i:jalan|jln\.?|lorong|persiaran|lebuh)[ \t]+[A-Z0-9][\w./'’-]*"
    r"(?:[ \t]+[A-Z0-9][\w./'’-]*){0,4}"
    r"(?:[ \t]*,[ \t]*(?:#[0-9]{1,3}-[0-9]{1,4}|[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})){0,3}?"
    r"[ \t]*,?[ \t]+[0-9]{5,6}(?![\w])(?:[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})?")
# The Philippines: a block and lot ("Blk 7 Lot 22, Phase 2, Brgy San Isidro, Antipolo Rizal")
_PH_ADDRESS = re.compile(
    r"(?i:\b(?:blk|block)\.?[ \t]*[0-9]{1,4}[A-Za-z]?[ \t]*,?[ \t]*lot\.?[ \t]*[0-9]{1,4}[A-Za-z]?)"
    r"(?:[ \t]*,[ \t]*(?i:phase|ph\.?)[ \t]*[0-9]{1,2}[A-Za-z]?)?"
    r"(?:[ \t]*,[ \t]*(?:(?i:brgy\.?|barangay)[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}){0,3}")
_LATIN_ASIA_ADDRESSES: dict[str, re.Pattern] = {"address.vietnam": _VI_ADDRESS, "address.indonesia": _ID_ADDRESS,
                                                "address.india": _IN_ADDRESS, "address.malaysia": _MY_ADDRESS,
                                                "address.philippines": _PH_ADDRESS,
                                                "address.india_unlabelled": _IN_ADDRESS_UNLABELLED}
# the words one of which each needs (a set look-up on the text's words)
_LATIN_ASIA_GATES: dict[str, frozenset[str]] = {
    "address.vietnam": frozenset("phường phuong quận quan huyện huyen xã p q ngõ ngách hẻm kiệt phòng tầng".split()),
    "address.indonesia": frozenset("jl jln jalan gg gang lorong persiaran lebuh".split()),
    "address.india": frozenset("h d flat house door plot qtr qtrs quarter quarters".split()),
    "address.malaysia": frozenset("jalan jln lorong persiaran lebuh".split()),
    "address.philippines": frozenset("blk block".split()),
    "address.india_unlabelled": _IN_CITIES | frozenset("nagar colony layout sector enclave vihar block main cross "
                                                       "apartments society residency".split()),
}
_LATIN_ASIA_GATE = frozenset().union(*_LATIN_ASIA_GATES.values())


def _addresses_in_latin_asia(text: str, words: frozenset[str] | set[str]) -> list[Finding]:
    found = []
    for rule, pattern in _LATIN_ASIA_ADDRESSES.items():
        if words.isdisjoint(_LATIN_ASIA_GATES[rule]):
            continue
        found += [Finding("address", *m.span(), 0.85, "street", rule=rule) for m in pattern.finditer(text)
                  # (a Vietnamese house by its ward or district, or by its alley or room: "45 ngõ 120 …, phòng 502")
                  if rule != "address.vietnam" or m.group("ward") or m.group("district") or m.group("alley") or
                  m.group("unit")
                  if rule != "address.india" or m.group("pin") or
                  m.group("parts").count(",") >= 2 and _IN_LOCALITY.search(m.group("parts"))
                  if rule != "address.india_unlabelled" or _IN_LOCALITY.search(m.group("parts")) or
                  not _IN_CITIES.isdisjoint(w.lower() for w in m.group("parts").replace(",", " ").split())]
    return found


def _addresses_in_scripts(text: str) -> list[Finding]:
    found = []
    for rule, pattern in _SCRIPT_ADDRESSES.items():
        if _SCRIPT_ADDRESS_MARKS[rule].search(text) is None:
            continue
        found += [Finding("address", *m.span(), 0.85, "street", rule=rule) for m in pattern.finditer(text)
                  if (rule != "address.china" or m.group("place") or m.group("unit")) and
                  (rule != "address.greece" or m.group("word") or m.group("postcode")) and
                  (rule != "address.arabic" or "شقة" in m.group() or re.search(r"[0-9]{5}", m.group()))]
    return found


def _script_business_address(text: str, finding: Finding) -> bool:
    """An address in a CJK, Hangul or Thai rule's form named as a business's, a station's or an office's: a
    business word in its clause before it with no home word after that ("東京本社：…", "渋谷駅は…", "강남 매장:"),
    or a business's building right after its number ("… 2-21-1 サクラ物流センター")."""
    begin = max(0, finding.start - 30)
    cut = max(text.rfind(mark, begin, finding.start) for mark in _SCRIPT_CLAUSE_ENDS)
    begin = cut + 1 if cut >= 0 else begin
    places = [m.end() for m in itertools.chain(_SCRIPT_BUSINESS.finditer(text, begin, finding.start),
                                                _SCRIPT_STATION.finditer(text, begin, finding.start))
              if m.group() != "역" or text[m.start() - 1:m.start()] not in _NOT_A_STATION]
    if places and _SCRIPT_HOME.search(text, max(places), finding.start) is None:
        return True
    match = _SCRIPT_ADDRESSES[finding.rule].match(text, finding.start)
    after = match.end("number") if match is not None and match.end() == finding.end else finding.end
    return _SCRIPT_BUSINESS_AFTER.match(text, after) is not None


_PO_BOX = re.compile(rf"(?i)\b(?:p\.?\s?o\.?\s?box|post office box|postfach|apartado)"
                     # ("my po box is 771", "PO Box no. 4521", "P.O. Box: 88")
                     rf"(?:\s*(?:number|no\.?|nr\.?|#))?(?:\s+(?:is|was)\s+|\s*:\s*|\s*)\d{{1,6}}(?-i:{_ADDRESS_TAIL})")
_PO_BOX_GATE = frozenset("p po pobox post postfach apartado".split())  # (the first words: for _may_match)
_ADDRESS_WORDS = re.compile(
    r"(?i)\b(?:address|addr|addy|adress|adresse|direcci[óo]n|endere[çc]o|indirizzo|live at|living at|lives at|"
    r"ship(?:ped)? (?:it )?to|deliver(?:ed)? (?:it )?to|send (?:it |the \w+ |\w+ )?to|post ?code|postal code|"
    r"zip(?: code)?|plz)\b")
# the first word of each of _ADDRESS_WORDS' phrases ("post ?code": "post", "postcode"), for _may_match
_ADDRESS_WORDS_GATE = frozenset(
    "address addr addy adress adresse direccion endereco indirizzo live living lives ship shipped deliver delivered "
    "send post postcode postal zip plz".split())
# "Flat 402, Sai Residency, 5th Cross, Indiranagar, Bengaluru 560038", "Unit 3, Riverside Court, Leeds LS1 4AP":
# a flat, house or plot number, then place names apart by commas, ending in a city and a postcode (Indian PIN
# code, ZIP, UK postcode, four-digit postcodes)
_UNIT_PLACES_POSTCODE = re.compile(
    r"(?i)\b(?:flat|apt|apartment|unit|suite|house(?:\s+no\.?)?|h\.?\s?no\.?|door(?:\s+no\.?)?|plot(?:\s+no\.?)?|"
    r"villa|block)\s*#?\s*[a-z]?\d{1,5}[a-z]?(?:[/-]\d{1,4}[a-z]?)?"
    r"(?:\s*,\s*(?:\d{1,3}(?:st|nd|rd|th)\s+)?[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,3}){1,6}?"
    rf"\s*,?\s+(?:[1-9]\d{{2}}\s?\d{{3}}|\d{{4,5}}|{_UK_POSTCODE_ANY_CASE})(?![\w-])")
# "address is 14B, 2nd floor, MG Road, Pune 411001": a bare house number the same way, right after an address word
_NUMBER_PLACES_POSTCODE = re.compile(
    r"(?i)(?<![\w#.,/-])\d{1,5}[a-z]?(?:[/-]\d{1,4}[a-z]?)?"
    r"(?:\s*,\s*(?:\d{1,3}(?:st|nd|rd|th)\s+)?[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,3}){2,6}?"
    rf"\s*,?\s+(?:[1-9]\d{{2}}\s?\d{{3}}|\d{{4,5}}|{_UK_POSTCODE_ANY_CASE})(?![\w-])")
_NOT_ADDRESS_PARTS = re.compile(
    r"(?i)\b(?:order|invoice|ref|reference|tracking|ticket|case|booking|transaction|serial|policy|claim|account|"
    r"acct|card|pin|code|otp)\b")
_POSTCODE_ALONE = re.compile(rf"(?<![\w]){_UK_POSTCODE}(?![\w])")
_NUMBERED_PLACE = re.compile(
    r"\d(?<![\w$€£¥#.,/:-]\d)\d{0,4}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}"
    r"(?:\s*#\s?\w{1,6})?")
_A_DAY_AND_MONTH = re.compile(rf"(?i)\d{{1,2}}\s+{cues.pattern(cues.MONTHS)}\.?(?:\s+\d{{2,4}})?")
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
_DAY = (r"(?:\d{1,2}(?:st|nd|rd|th|er|\.)?|(?:twenty[- ]|thirty[- ])?(?:first|second|third|fourth|fifth|sixth|"
        r"seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
        r"eighteenth|nineteenth|twentieth|thirtieth)")
_YEAR = r"(?:['’]\d{2}|\d{2,4})"
_DATE = (
    r"(?:\d{1,4}(?:st|nd|rd|th)?[./\-]\d{1,2}[./\-]\d{2,4}"                          # 04/12/1988, 14th/08/1975
    r"|\d{1,2} [./\-] \d{1,2} [./\-] (?:\d{4}|\d{2})"                                 # 17 / 08 / 1958
    # 3 March 1991, 14 de febrero, 14-Aug-1975, 14Aug1975, the 14th day of August 1975
    rf"|{_DAY}(?:\s*|[-/])(?:day\s+)?(?:of\s+|de\s+)?(?:{_MONTHS})\.?(?:,?(?:\s*|[-/])(?:de\s+)?{_YEAR}(?!\d))?"
    rf"|(?:{_MONTHS})\.?(?:\s+the)?(?:\s+|[-/]){_DAY},?(?:(?:\s+|[-/]){_YEAR})?"     # Feb 29, 1996; Aug-14-1975
    rf"|\d{{4}}\.?\s+(?:{_MONTHS})\.?\s+\d{{1,2}}\.?"                                 # 1968. március 4. (Hungarian)
    # 14081975, 19750814, 14 08 75: digits alone, only right after the birth word (see _dates_of_birth)
    r"|\d{8}|\d{6}|\d{1,2} \d{1,2} (?:\d{4}|\d{2})"
    r"|\d{1,2}[./\-]\d{1,2})"                                                         # 3/15 (only right after the word)
    r"(?:(?![\w/])|(?=T\d\d:\d\d))")                                                   # (an ISO time may follow: 1980-02-01T00:00)
# after a birth word, the month names of every language (privacy_cues.MONTHS)
# a day before its month's name ("starting 1 Dec"): a date, no piece of a split value
_DAY_THEN_MONTH = re.compile(rf"(?i)(?<=\d)(?:st|nd|rd|th|er|\.)?\s+(?:{_MONTHS}|{cues.pattern(cues.MONTHS)[3:-1]})\b")
_DATE_ANY_LANGUAGE = _DATE.replace(f"(?:{_MONTHS})", f"(?:{_MONTHS}|{cues.pattern(cues.MONTHS)[3:-1]})")
_DOB_TEMPLATE = (
    # (and their slips: "birth day", "date of brith", "brithday")
    r"(?i)\b(?P<word>d\.?o\.?b\.?|d o b|b['’]day|bdate|birth dt\.?|dobs|dates? of b(?:ir|ri)th|b(?:ir|ri)th ?dates?|"
    r"b(?:ir|ri)th[ -]?days?|b-?days?|born|geburtsdat(?:um|en)|"
    r"geboren|geb\.|dates de naissance|fechas de nacimiento|date di nascita|"
    r"fecha de nacimiento|nacid[oa]|n[ée]e|né|date de naissance|data di nascita|nato|nata|data de nascimento|"
    r"nascid[oa]|BIRTH_WORDS)(?![\w])(?:['’]s)?"
    r"[\s:=\-–—,(\[>→|\"'“”*]*(?:(?:is|was|on|in|le|am|el|the|of|as|den|op|il|em|dnia|w dniu|på|ist|est|es|è|é|er|är|on|"
    r"tarihi)[\s:]+)*(?P<gap>(?:[\w'’]+[\s:,]+){0,5}?)[(]?(?:ב[-־]?)?"  # (Hebrew's "on", glued: "נולד ב-12.5.1990")
    rf"(?P<date>{_DATE_ANY_LANGUAGE})")
# (the other languages' birth words, privacy_cues.BIRTH_WORDS, only in a text holding one of them)
_DOB_ABROAD = re.compile(_DOB_TEMPLATE.replace(
    "BIRTH_WORDS", cues.pattern(cues.BIRTH_WORDS, cues.abroad(cues.BIRTH_WORDS))[3:-1]))
_DOB = re.compile(_DOB_TEMPLATE.replace("|BIRTH_WORDS", ""))
# the genealogists' birth sign before a date ("* 12.04.1938"), in a text with a death's cross or "(*"
_BIRTH_SIGN = re.compile(rf"(?i)(?:^|(?<=[\s(,;]))\*\s?(?P<date>{_DATE_ANY_LANGUAGE})")
# a cut-off date for everyone born on one side of it ("anyone born after 6 April 1960"), no one's birth date
_BORN_CUT_OFF = re.compile(r"(?i)\b(?:born|geboren|nés?|nacid[oa]s?|nat[ie])\s+(?:on\s+or\s+)?"
                           r"(?:after|before|between|since|from|prior\s+to|until|nach|vor|zwischen|seit|après|avant|"
                           r"entre|depuis|después\s+del?|antes\s+del?|dopo\s+il|prima\s+del)(?:\s+(?:dem|the|le|el))?\s*$")
# a birthday as the occasion of a purchase or a party ("a birthday present on 02/05/2025", "for my son's birthday on
# 19 Dec"): the date is the occasion's, unless it has a year long past
_BIRTHDAY_OCCASION = re.compile(
    r"(?i)(?:\bfor\s+(?:my|his|her|their|our|your|the|\w+['’]s)\s+(?:\w+['’]s\s+)?(?:\d+\w*\s+)?"
    r"(?:birthday|bday|b-day)|\b(?:birthday|bday|b-day)\s+(?:present|gift|party|cake|card|celebration|dinner|meal|"
    r"surprise|treat|order|delivery|voucher|balloons?))\b")
_DOB_ABROAD_GATE = cues.gate(cues.BIRTH_WORDS, languages=cues.abroad(cues.BIRTH_WORDS))
_DOB_GATE_WORDS = frozenset(
    "dob dobs d b bdate date brith brithday birth birthdate birthdates birthday birthdays bday bdays day born geburtsdatum "
    "geburtsdaten geboren geb fecha nacimiento nacido nacida née "
    "nee né ne naissance nascita nato nata nascimento nascido nascida fødselsdatoen födelsedatumet".split()) | \
    cues.gate(cues.BIRTH_WORDS) | frozenset("geborene geborener doğumluyum doğumludur doğumluydu dogumluyum рождения "
                                            "народження р г".split())
# "1994-04-27 is my dob", "4 March 1991 as your birth date"
# "my date of birth is wrong on the renewal, it should be 09/12/1986": the birth date as corrected, further on
# in the same sentence
_DOB_CORRECTED = re.compile(
    r"(?i)\b(?:d\.?o\.?b\.?|date of birth|birth ?date|birthday|b-?day|geburtsdatum|fecha de nacimiento|"
    r"date de naissance)(?![\w])[^.!?\n]{0,60}?\b(?:should (?:be|say|read)|is actually|it['’]s actually|"
    r"(?:the )?(?:correct|right|real) (?:one|date)(?: is)?|change (?:it|this|that) to|update (?:it|this|that) to|"
    r"fix (?:it|this|that) to|instead of|müsste|sollte|debería ser|devrait être|"
    # "… has been corrected from 03/02/1990 to 03/02/1991": the date it was changed to
    rf"(?:corrected|changed|updated|amended|fixed)\s+(?:(?:it|this|that)\s+)?(?:from\s+{_DATE}\s+)?to)\s*:?\s*"
    rf"(?P<date>{_DATE})")
_DOB_BEFORE = re.compile(
    rf"(?i)(?<![\w/.-])(?P<date>{_DATE})\s*(?:🎂\s*)?[,]?\s*(?:(?:is|as|=|that['’]s)?\s*(?:(?:my|your|the|his|her)\s+|"
    r"(?<=as\s))(?:d\.?o\.?b\.?|date of birth|birth ?date|birthday|b-?day)|"
    # (or "for" it, as a list of details is written: "07/22/1986 for date of birth"; not a birthday, an event)
    r"for\s+(?:(?:my|your|the|his|her)\s+)?(?:d\.?o\.?b\.?|date of birth|birth ?date))\b")
# "Jane Smith 02/02/1990 (DOB)", "…, 14.08.1975 – date of birth", "02/02/1990 | DOB": a date labelled after it by a
# birth word alone in brackets or after a dash or bar, the label closing its clause (not "02/02/2026, DOB page …")
_DOB_LABEL_AFTER = re.compile(
    rf"(?i)(?<![\w/.-])(?P<date>{_DATE})\s*(?:\(\s*|[-–—|]\s*)(?:d\.?o\.?b\.?|date of birth|birth ?date)\s*\)?"
    r"(?=\s*(?:[),.;|\n]|$))")
# (the label itself, found first: the date is then looked for only in the 40 characters before it)
_DOB_LABEL = re.compile(r"(?i)[(\-–—|]\s*(?:d\.?o\.?b\.?|date of birth|birth ?date)\b")
# the words one of _DOB_BEFORE's birth words starts with ("d.o.b": "d", "b-day": "b"), for _may_match
_DOB_BEFORE_GATE = frozenset("dob d b birth birthdate birthday bday".split())

# "seller verification says my date of birth doesn't match. it's Aug 14 1969", "das Geburtsdatum … ist falsch,
# richtig ist der 3. Oktober 1984", "生年月日が間違って…正しくは1983年4月9日": a birth word, then further on (in
# its sentence or the next) a whole date with a year a person could be born in: the birth date, told after words
# about it. (Only a whole date: "your birthday treat is valid 14 days", "born 1909 lol" are not one.)
_DOB_LATER_WORD = re.compile(
    r"(?i)(?<![\w])(?:d\.?o\.?bs?|dates? of birth|birth ?dates?|birthdays?|b-?days?|born|geburtsdaten)(?![\w])")
# a birth word that names the date only as a form's label right before it ("Naissance : 14/08/1975", "lahir 3
# November 1949", "janam 3 Nov"): further on, or with words between, it is another thing's birth ("la naissance de
# notre boutique", "hari lahir Pancasila") or a party's ("janam din ki party 03/11")
_BIRTH_LABELS = frozenset("naissance nacimiento nascimento lahir kelahiran janam janm".split())
_DOB_LATER_WORD_ABROAD = re.compile(
    r"(?i)(?<![\w])(?:" + cues.pattern({lang: tuple(w for w in words if w not in _BIRTH_LABELS) for lang, words in
                                          cues.BIRTH_WORDS.items()}, cues.abroad(cues.BIRTH_WORDS))[3:-1] +
    # (inflected forms the table does not hold: a noun's definite or oblique form)
    r"|fødselsdatoen|födelsedatumet|geboortedatum|дат[аиуы]\s+(?:народження|рождения)|народження|рождения|"
    r"narození|urodzenia)(?![\w])|生年月日|생년월일|出生日期|出生年月日")
_ORDINAL_DAYS = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
                 r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ](?:first|"
                 r"second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first")
_MONTHS_ANY_LANGUAGE = f"(?:{_MONTHS}|{cues.pattern(cues.MONTHS)[3:-1]})"
_CENTURY_YEAR = re.compile(r"(?:19|20)\d\d")  # in every whole date below
_WHOLE_DATE = re.compile(
    r"(?i)(?<![\w/.-])(?:"
    r"(?P<d1>\d{1,2})(?:[/-]|\. ?)(?P<m1>\d{1,2})(?:[/-]|\. ?)(?P<y1>(?:19|20)\d\d)"        # 14/03/1990, 12. 4. 1977
    r"|(?P<y2>(?:19|20)\d\d)(?:-\d{1,2}-|\. ?\d{1,2}\. ?)\d{1,2}"                          # 1990-03-14, 1983. 04. 09
    rf"|(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?|{_ORDINAL_DAYS})\s+(?:of\s+|de\s+)?{_MONTHS_ANY_LANGUAGE}"
    r"\.?,?\s+(?:de\s+)?(?P<y3>(?:19|20)\d\d)"                                             # 3. Oktober 1984
    rf"|{_MONTHS_ANY_LANGUAGE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<y4>(?:19|20)\d\d)"    # Aug 14 1969
    r")(?![\w/]|[.-]\d)"
    r"|(?P<y5>(?:19|20)\d\d)\s?(?:年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|년\s?\d{1,2}\s?월\s?\d{1,2}\s?일)")  # 1983年4月9日
# what makes a date after the birth word another event's ("the voucher expires on …", "member since …")
_EVENT_BEFORE_DATE = re.compile(
    r"(?i)\b(?:on|since|from|until|till|by|before|after|expires?|expired|expiry|valid|due|starts?|starting|"
    r"started|effective|renews?|renewed|joined|opened|issued|sent|dated|booked|launched|founded|established|"
    r"released|created|registered|seit|bis|ab|depuis|jusqu['’]au|"
    r"desde|hasta|dal|fino al|vanaf|tot)\s*(?:the\s+|le\s+|el\s+|der\s+|den\s+|il\s+)?:?\s*$")


def _event_before_date(text: str, start: int) -> bool:
    """Whether an event's word stands right before the date at start ("valid until …", "expires …"), other than
    a word that may say when the birth was or what it was corrected to ("born in Leeds on …", Swedish "rättat …
    till 14 mars 1979", Dutch "gewijzigd tot")."""
    event = _EVENT_BEFORE_DATE.search(text, max(0, start - 20), start)
    return event is not None and not re.match(r"(?i)(?:on|till|tot)\b", event.group())


# "Member: J. Smith (b. 02/02/1990)", "Hale, Margaret, b 4 Jan 1948": the genealogists' and registers' "b." for born
# before a whole date two years past or more, after a bracket or a comma, or with its dot at a line's start (not
# "option b. 12/05/2024" in a sentence, "b 12/05/2025 slot")
_BORN_ABBREVIATION = re.compile(r"(?i)(?:(?<=[(,;])\s*b\.?|(?:^|(?<=\n))\s*b\.)\s+(?P<date>(?:" +
                                _WHOLE_DATE.pattern[4:] + r"))")

# "ich bin am 3.11.1949 in Köln geboren", "ik ben op 3 november 1949 geboren", "3 Kasım 1949 doğumluyum",
# "Иванов И. И., 03.11.1949 г.р.", "17.05.1962 року народження": a whole date right before the word that says it is
# a birth, a few words (a place) between, where German, Dutch, Turkish, Russian and Ukrainian put that word last
_DOB_BEFORE_WORD_ABROAD = re.compile(
    r"(?i)(?P<date>(?:" + _WHOLE_DATE.pattern[4:] + r"))(?:\s*(?:г\.|года|року|р\.))?"
    # (between: a place, "in Köln", "te Utrecht", or one name before a Turkish "doğumlu": "İzmir doğumluyum")
    r"(?:\s+(?:in|im|te|zu|bei|op)\s+[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*)?|\s+(?-i:[^\W\d_a-z])[\w'’.-]*)?"
    r"\s*,?\s+(?:geboren(?:e|er)?|doğumlu\w*|dogumlu\w*|doğum\s+tarihi(?:yle|li|ne)?|г\.\s?р\.|года\s+рождения|"
    r"року\s+народження|р\.\s?н\.)(?![\w])")
_DOB_BEFORE_WORD_GATE = frozenset("geboren geborene geborener doğumlu doğumluyum doğumludur doğumluydu dogumlu "
                                  "dogumluyum doğum рождения народження р г".split())

_CONJUNCTION = re.compile(r"(?i)(?<![\w])(?:and|und|but|aber|et|mais|y|pero|e|ma|en|maar|och|men|og|ve|ama|и|а|но)"
                          r"(?![\w])")


def _another_clauses_date(text: str, start: int, end: int, date: str) -> bool:
    """"Ich bin 1980 geboren und der Termin am 03.11.2025 …": a date of last year or later after a conjunction
    among the words between the birth word (start) and it (end) is the next clause's (an appointment, a
    delivery), not the birth's."""
    year = re.search(r"\d{4}", date)
    return year is not None and int(year.group()) >= _THIS_YEAR - 1 and \
        _CONJUNCTION.search(text, start, end) is not None


# (the words one of _DOB_LATER_WORD's matches holds in an ASCII text: not "date" or "day" alone, as _DOB_GATE_WORDS)
_DOB_LATER_GATE_EN = frozenset("dob dobs birth birthdate birthdates birthday birthdays bday bdays b born "
                               "geburtsdaten".split())
_DOB_LATER_GATE_ABROAD = \
    frozenset(w for w in cues.gate(cues.BIRTH_WORDS, languages=cues.abroad(cues.BIRTH_WORDS)) if w.isascii()) | \
    frozenset("geboortedatum narozeni urodzenia".split())
_DOB_LATER_GATE = _DOB_LATER_GATE_EN | _DOB_LATER_GATE_ABROAD
_SENTENCE_END_NOT_DAY = re.compile(r"(?<!\d)[.!?]+(?:\s|$)|\n")  # (not "der 3. Oktober")
_DOB_LATER_SCRIPTS = re.compile(r"生年月日|생년월일|出生日期|народження|рождения|生|생|誕|เกิด")
# "วันเกิด 12/05/2533", "ลูกค้าเกิดวันที่ 3 มี.ค. 2528": Thai writes words without spaces, so its birth word is found
# inside a run of letters; the year is often the Buddhist era's (2533 is 1990), which a date's check accepts
_DOB_THAI = re.compile(r"(?:วันเกิด|เกิดวันที่|เกิดเมื่อ(?:วันที่)?|ว/ด/ป\s?เกิด|วันเดือนปีเกิด|เกิด)\s*(?:คือ|:|วันที่)?\s*"
                       rf"(?P<date>{_DATE_ANY_LANGUAGE})")
# "我的生日是1949年11月3日", "生年月日 1990/05/12", "生年月日は昭和24年11月3日", "1990년 5월 12일생", "1990年5月12日生まれ":
# a date in Chinese, Japanese or Korean right after a birth word and its particle, or right before "born" (生まれ,
# 出生, 생); the era's year of a Japanese form (昭和24年) counts as a year
_CJK_DATE = (r"(?:(?:19|20)\d\d\s?(?:年\s?\d{1,2}\s?月\s?\d{1,2}\s?[日号號]?|년\s?\d{1,2}\s?월\s?\d{1,2}\s?일?|"
             r"[./-]\s?\d{1,2}\s?[./-]\s?\d{1,2}(?!\d))|(?:明治|大正|昭和|平成|令和)\s?(?:\d{1,2}|元)\s?年\s?\d{1,2}\s?月"
             r"\s?\d{1,2}\s?日)")
_DOB_CJK = re.compile(r"(?:生年月日|생년월일|出生日期|出生年月日|出生于|出生於|出生在|生日|誕生日|생일|출생일?)"
                      r"(?:\s|[是为為：:はがは는은이가，,]){0,3}" + rf"(?P<date>{_CJK_DATE})")
_DOB_CJK_BEFORE = re.compile(rf"(?P<date>{_CJK_DATE})\s?(?:に)?(?:生まれ|出生|生(?![\u4e00-\u9fff])|생(?=입니다|이에요|이고|이며|으로|이라|인데|[^가-힣]|$)|출생)")
_THIS_YEAR = datetime.date.today().year
# A birth date said another way: the day someone turned an age ("turned 30 on 12 June 2024")
# (a person turned it, or no subject at the start: "the shop turned 10 on 3 May" is no one's birth)
_TURNED_ON = re.compile(rf"(?i)(?:^|\b(?:i|you|he|she|my\s+\w+|your\s+\w+|his\s+\w+|her\s+\w+)\s+)"
                        rf"(?:just\s+|finally\s+|only\s+)?turn(?:ed|s)\s+(?:1[01]\d|\d{{1,2}})\s+on\s+(?:the\s+)?"
                        rf"(?P<date>{_DATE})")
# "my dog was born on the 4th of July": an animal's birthday is nobody's personal data
_PET = re.compile(r"(?i)\b(?:dog|dogs|cat|cats|puppy|kitten|pup|pet|horse|pony|hamster|rabbit|bunny|parrot|bird|"
                  r"fish|goldfish|turtle|plant)\b(?:['’]s)?\s+(?:\w+\s+){0,2}$")

# "your app sent him a birthday coupon 😂 best vet chain ever. Born 3/3/2019, still acts like a puppy": a text about
# an animal, whose birth date is said of no person ("my", "I was", "her son" … just before it)
_ANIMAL_NEAR = re.compile(r"(?i)\b(?:dog|dogs|cat|cats|puppy|puppies|kitten|kittens|pup|pups|pet|pets|vet|vets|"
                          r"veterinar\w*|horse|pony|hamster|rabbit|bunny|parrot|budgie|guinea pig|tortoise)\b")
_PERSON_BEFORE_DATE = re.compile(r"(?i)\b(?:my|your|his|her|their|our|i|i['’]m|me|we|son|daughter|child|kid|baby|"
                                 r"wife|husband|mum|mom|dad|father|mother|patient|passenger)\b")
# (a form's field, "date of birth 22/06/1983", is a person's even in a text that speaks of a dog)
_BORN_BEFORE_DATE = re.compile(r"(?i)\b(?:born|birthday|b-?day)\b")
_ANIMAL_GATE = frozenset("dog dogs cat cats puppy puppies kitten kittens pup pups pet pets vet vets horse pony hamster "
                         "rabbit bunny parrot budgie guinea tortoise".split())

# -- secrets ----------------------------------------------------------------------------------------
_PASSWORD_WORD = cues.pattern(cues.PASSWORD_WORDS)  # every language's word (privacy_cues.PASSWORD_WORDS)
# (the English words are looked for in every text that may hold a password; the others only in a text that holds
# one of their words: a long alternation costs on every text it runs on)
_PASSWORD_WORD_EN = cues.pattern(cues.PASSWORD_WORDS, ["en"])
_PASSWORD_STEMS = tuple(stem.replace("ö", "o") for stem in cues.PASSWORD_STEMS) + cues.PASSWORD_STEMS
# (a compound that ends with a password stem: "Initialpasswort", "startwachtwoord", "WLAN-Passwort")
_PASSWORD_WORD_ABROAD = (cues.pattern(cues.PASSWORD_WORDS, cues.abroad(cues.PASSWORD_WORDS))[:-1] +
                         rf"|[^\W\d_]{{2,24}}-?(?:{'|'.join(cues.PASSWORD_STEMS)}))")
_PASSWORD_ABROAD_GATE = cues.gate(cues.PASSWORD_WORDS, languages=cues.abroad(cues.PASSWORD_WORDS))


_PASSWORD_STEM_ENDINGS = tuple(sorted(set(_PASSWORD_STEMS)))
_STEM_TAIL_LENGTH, _PASSWORD_STEM_TAILS = _tails(_PASSWORD_STEM_ENDINGS)


def _password_compound(words: frozenset[str] | set[str]) -> bool:
    """Whether a word of the text is a compound ending with a password stem (see privacy_cues.PASSWORD_STEMS):
    a word of nine letters or more. (str.endswith over the few long words: faster than a search of all of them.)"""
    # (the long words' last characters first, in one set: most texts have no word ending so)
    if _PASSWORD_STEM_TAILS.isdisjoint([word[-_STEM_TAIL_LENGTH:] for word in words if len(word) >= 9]):
        return False
    return any(word[-_STEM_TAIL_LENGTH:] in _PASSWORD_STEM_TAILS and word.endswith(_PASSWORD_STEM_ENDINGS)
               for word in words if len(word) >= 9)


# A password referred back to after its word: "… my wifi password? I gave it him... it's PotatoCastle77", "wants
# my password. fine: its Bluejay!2291", "I set it to Bellamy#2019", "temporary passwords … I've issued a new one:
# Harbour-7715"; and a made-up value in quotes beside the word ("your wifi password on screen 'Falcon-Nest-2219'")
_PASSWORD_REFERRED_TEMPLATE = (
    r"(?i)(?:\b(?:(?:it['’]?s|it\s+is|it\s+was|that['’]s)(?:\s+(?:literally|definitely|actually|really|exactly|"
    r"just|simply|still))?|(?:set|changed|reset|change|made)\s+(?:it|that|this|mine)\s+to|"
    r"(?:(?:a|the|your)\s+)?(?:new|temporary|temp|initial|fresh|replacement)\s+one(?:\s+is)?|here\s+it\s+is|"
    # ("… printed wrong, it says Fx9-2Lt-Qq but the one that actually works is Fx9-2Lt-QQ7a")
    r"the\s+(?:one|real\s+one|right\s+one|correct\s+one)\s+(?:that|which)\s+(?:actually\s+)?works\s+is|"
    # the same in the other languages: "das war …", "c'était …", "era …", "het was …", "det var …", "to jest …"
    r"das\s+(?:war|ist)|es\s+(?:war|ist)|c['’](?:est|était)|(?:eso|esa)\s+(?:es|era)|era|het\s+(?:is|was)|"
    r"det\s+(?:är|var|er)|to\s+jest|to\s+było|bylo\s+to|se\s+on|se\s+oli|ez\s+volt|ez\s+az|NEW_ONE)"
    r"[^\S\n]*[:\-–—]?[^\S\n]*[\"'“‘]?|(?P<quote>[\"“‘']))"
    r"(?P<value>[^\s\"“”‘’]{6,40})")
# ... and "the new one is" in the other languages ("Ya te blanqueamos la clave. La nueva provisoria es …", "a nova é
# …", "la nuova provvisoria è …"): its own pattern, for the texts with one of those words (_NEW_ONE_GATE), as a word
# as short as "a" starting an alternative slows the search of every text
_NEW_ONE_ABROAD = (r"(?:la|tu|su)\s+nueva(?:\s+(?:provisoria|provisional|temporal))?\s+es|"
                   # ("te hemos generado una provisional, Nube7-Caracol, que caduca en 24 horas")
                   r"(?:una|la|tu)\s+(?:provisional|provisoria|temporal)(?:\s+es)?\s*[:,]|"
                   r"(?:a|sua|tua)\s+nova(?:\s+(?:provis[óo]ria|tempor[áa]ria))?\s+é|"
                   r"(?:la|tua|sua)\s+nuova(?:\s+(?:provvisoria|temporanea))?\s+è|"
                   r"(?:la|ta|votre)\s+nouvelle(?:\s+(?:provisoire|temporaire))?\s+est|"
                   r"(?:het|je|uw)\s+nieuwe(?:\s+tijdelijke)?\s+is|(?:das|dein|ihr)\s+neue(?:\s+vorläufige)?\s+(?:ist|lautet)")
_PASSWORD_REFERRED_ABROAD = re.compile(_PASSWORD_REFERRED_TEMPLATE.replace("NEW_ONE", _NEW_ONE_ABROAD))
_PASSWORD_REFERRED = re.compile(_PASSWORD_REFERRED_TEMPLATE.replace("|NEW_ONE", ""))
_RESET_IT_GATE = frozenset({"reset", "changed", "unlocked"})
_RESET_IT = re.compile(r"(?i)\b(?:reset|changed|unlocked)\s+(?:it|your\s+(?:account|login|access))\b")
_TEMPORARY_ONE = re.compile(r"(?i)(?:una|la|tu)\s+(?:provisional|provisoria|temporal)\b")
_NEW_ONE_GATE = frozenset("nueva nova nuova nouvelle nieuwe neue provisional provisoria temporal".split())
# a password or key word, up to 40 characters more on its line, then the value alone on the next line (see
# _secrets_on_the_next_line); Latin letters bound the word, not the glued prefixes of other scripts ("والباسورد")
# (and an activation or recovery code's names: "hier der Freischaltcode fürs Online-Banking:\nFZ7K-Q29M")
_SECRET_ON_NEXT_LINE_WORDS = (cues.pattern(cues.PASSWORD_WORDS)[:-1] +
                              "|パスワード|暗号化キー|ネットワークキー|暗証番号|密码|密碼|wpa\\s?key|freischaltcode|"
                              "aktivierungscode|activation\\s+code|code\\s+d['’]activation|"
                              "c[óo]digo\\s+de\\s+activaci[óo]n|recovery\\s+codes?|backup\\s+codes?)")
# A pasted chat's time and speaker at a line's start ("[9:43 PM] me: ", "14:21 Atendente Bia: "), maybe none: what a value
# given on the line after a question may follow
_CHAT_TIME_AND_SPEAKER = r"(?:\[?\d{1,2}:\d{2}(?:\s*[AP]M)?\]?[^\S\n]+[^:\n]{1,40}:[^\S\n]*)?"
# A date of birth asked for at a line's end and given on the next, alone or after a pasted chat's time and speaker
# ("[9:42 PM] Agent Kim: and full date of birth?\n[9:43 PM] me: 2/17/66")
_DOB_ANSWERED_NEXT_LINE = re.compile(
    r"(?i)\b(?:date\s+of\s+birth|dob|d\.o\.b\.?|birth\s?date|birthday|fecha\s+de\s+nacimiento|"
    r"date\s+de\s+naissance|geburtsdatum|data\s+di\s+nascita|data\s+de\s+nascimento)[^\S\n]*\?[^\S\n]*\r?\n[^\S\n]*" +
    _CHAT_TIME_AND_SPEAKER +
    r"(?P<date>\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4}))(?![\w/.-]|\.\d)")
_SECRET_ON_NEXT_LINE = re.compile(
    # (after a blank line too: "your temporary password is below, you'll be asked to change it:\n\nGreenHill#4471")
    rf"(?i)(?<![a-z]){_SECRET_ON_NEXT_LINE_WORDS}(?![a-z])[^\n]{{0,60}}\n(?:[^\S\n]*\n)?[^\S\n]*"
    # (in a pasted chat, after the next line's time and speaker: "14:21 Atendente Bia: Girassol#4471")
    + _CHAT_TIME_AND_SPEAKER +
    r"(?P<value>(?:[A-Za-z0-9]{4} ){1,5}[A-Za-z0-9]{4}|[^\s]{6,40})[^\S\n]*(?:\n|$)")
_LINE_AFTER = re.compile(r"\n[^\S\n]*(?P<value>[^\s]{4,40})[^\S\n]*(?=\n|$)")
_LOGGED_OUT = re.compile(r"(?i)\blog(?:ged|s)?\s+(?:me\s+)?out\b|\blet\s+me\s+(?:back\s+)?in\b")
# A login given on two lines after its name: "wont let me back in. details here:\nsazza_91\nPenrith2750!"
_LOGIN_ON_TWO_LINES = re.compile(
    r"(?i)\b(?:details|login|log-?in|credentials|sign[- ]?in)\b[^\n]{0,20}:[^\S\n]*\n[^\S\n]*(?P<user>[^\s]{3,40})[^\S\n]*\n"
    r"[^\S\n]*(?P<value>[^\s]{6,64})[^\S\n]*(?:\n|$)")
# A password word, what it is for in two or three words, and digits right after ("senha do app 482901", "password for
# the app 482901, locked"): the value of that thing's password
_PASSWORD_OF_A_THING_DIGITS = re.compile(
    rf"(?i)(?<![\w/]){_PASSWORD_WORD}[^\S\n]+(?:do|da|for\s+the|for\s+my|of\s+the|of\s+my|on\s+the|del|de\s+la|du|"
    r"des|für\s+die|für\s+das|für\s+den|voor\s+de|van\s+de|della|dello|dell['’])\s*(?P<thing>[^\W\d_]{2,12})[^\S\n]+"
    r"(?P<value>\d{4,8})(?![\w/]|[.,]\d)")
# (not an order's or an account's: the words of privacy_cues.REFERENCE_WORDS and ACCOUNT_WORDS, and the English
# reference words, name those)
_NOT_A_PASSWORDS_THING = cues.gate(cues.REFERENCE_WORDS, cues.ACCOUNT_WORDS)
_PASSWORD_WORD_ANY = re.compile(
    rf"(?i)(?<![\w/])(?:{_PASSWORD_WORD_EN[3:-1]}|{_PASSWORD_WORD_ABROAD[3:-1]})s?(?![\w/])")
# Password words of scripts written without spaces (Japanese, Chinese): looked for inside a text's runs of letters
_UNSPACED_PASSWORD_WORDS = re.compile(r"パスワード|暗証番号|密码|密碼")
# A password, PIN or verification code named in Cyrillic, Korean, Chinese or Japanese, and its value after a few
# characters that are no digits ("код подтверждения для входа: 4419", "Тимчасовий ПІН для нової картки: 8264",
# "임시 비밀번호는 Haneul!7742 입니다", "登录验证码为 582913", "暗証番号 5093# で"): 4-8 digits, or a token of
# letters and digits; not an order's, a parcel's or an error's code (the words right before the value)
_SECRET_WORD_OTHER_SCRIPTS = re.compile(
    r"(?i)(?:(?:парол[ьяем]|код\w*\s+(?:подтверждения|підтвердження|из\s+смс|з\s+смс|доступа|доступу)|пин-?код\w*|"
    # (Hindi: OTP, PIN and password written in Devanagari)
    r"ओटीपी|पिन(?:\s?(?:कोड|नंबर))?|पासवर्ड|पासवर्ड|"
    # (a code named by what it opens: "код от сейфа", "код від дверей", "كود الباب", "दरवाज़े का कोड")
    r"код\w*\s+(?:от|від|для|на)?\s*(?:сейф\w*|двер\w*|домофон\w*|подъезд\w*|під['’]?їзд\w*|ворот\w*|калитк\w*|"
    r"хвіртк\w*|замк\w*|сигнализаци\w*|сигналізаці\w*|ячейк\w*|камер\w+\s+хранения)|"
    r"(?:كود|رمز)\s+(?:الباب|البوابة|الخزنة|القفل|المدخل|الإنذار)|"
    r"(?:दरवाज़े|दरवाजे|गेट|लॉकर|ताले)\s+का\s+(?:कोड|पिन)|"
    # (a code owned or received: "ваш код", "твій код", "пришёл код", "прийшов код")
    r"(?:ваш|ваши|твой|твій|ваш|мой|мій|новый|новий|пришёл|пришел|пришла|прийшов|прийшла|получил\w*|отримав\w*)"
    r"\s+код\w*|"
    r"пін-?код\w*|пин|пін|смс-код\w*|(?P<pickup>код\w*\s+(?:для\s+)?(?:отримання|получения)))(?![а-яёіїєґ])|"
    # (Hebrew, a prefix letter before the word, "הקוד"; not מיקוד, a postcode; Thai รหัส runs on into the next word)
    r"(?<![\u0590-\u05ff])[הוב]?(?:קוד|סיסמ[הא]|סיסמת)(?![\u0590-\u05ff])|รหัส|"
    # (Korean, Chinese and Japanese words run on into the next: "비밀번호는", "验证码为")
    # (a parcel locker's pick-up code: 取件码, 取货码)
    r"(?:비밀번호|인증\s?번호|인증\s?코드|验证码|驗證碼|校验码|动态码|密码|密碼|暗証番号|パスワード|認証コード|確認コード|"
    # (a code received: "SMSで届いたコード", "届いたコード")
    r"届いたコード|送られてきたコード|コードは|"
    r"取件码|取件碼|取货码|取貨碼|提货码|取餐码|비번|"
    # (recovery and backup codes)
    r"恢复码|恢復碼|备用码|備用碼|予備コード|バックアップコード|リカバリーコード|복구\s?코드|백업\s?코드)|"
    # (Arabic: a verification, confirmation, activation or log-in code, and "the secret code")
    r"(?:رمز|كود)\s+(?:التحقق|التحقّق|التأكيد|التفعيل|الدخول|التوثيق)|الرمز\s+السري)"
    r"(?P<between>[^\d\n.!?。！？]{0,40}?)(?<![A-Za-z0-9-])"
    # (a parcel's pick-up code after the parcel's number: "Код для отримання посилки 20450719842118 — 4417")
    r"(?:(?<=\s)\d{8,20}\s*[—–:-]\s*)?"
    # (or in two threes, "739 204", joined by dashes, "5-2-8813", read out one by one, "0 4 2 7", or in fours)
    # (or in three pairs, as a code is read out: "55 18 29")
    r"(?P<value>\d{3} \d{3}(?! ?\d)|\d(?: \d){3,7}(?! ?\d)|\d{4}(?: \d{4}){1,3}(?! ?\d)|\d{2}(?: \d{2}){2,3}(?! ?\d)|"
    # (not the first group of a longer number: "والرقم 0567 219 804" is a line)
    r"\d(?:-?\d){3,7}#?(?![ \t]\d{3})|"
    r"(?=[^\s，。、」:：]*\d)(?=[^\s，。、」:：]*[A-Za-z])[A-Za-z0-9!#$%&*+=?@^_~-]{6,40})(?![\w-])")
# A PIN or password named in Japanese, its digits alone at the start of the next sentence, a particle after them
# ("暗証番号3回間違えてロックされました。7306で合ってるはずなんですけど…"); not a count, a date, a price or a time
# (the text as read: a particle glued to four digits or more is a space there, see _GLUED_PARTICLE)
_PIN_NEXT_SENTENCE_JA = re.compile(r"(?:暗証番号|パスワード)[^\n。！？]{0,40}[。！？]\s*(?P<value>\d{4,8})"
                                   r"(?=[\s…。！？]|[だも](?![\d年月日回円時分件個桁])|$)")
# A password in Latin letters and digits told after a password word of a script written apart from Latin, in its
# sentence or the next ("パスワードを忘れました。前に設定したのは sakura0420mk です", "비번 까먹었어요. 아마 tmoney0719!
# 였던거"): a made-up token of 6-40 characters with a letter and a digit, up to 60 characters after the word
_LATIN_PASSWORD_IN_SCRIPTS = re.compile(
    r"(?:パスワード|暗証番号|密码|密碼|口令|비밀번호|비번|암호|סיסמ[הא]|סיסמת|รหัสผ่าน|пароль|пароля|पासवर्ड|पासवर्ड)"
    r"[^\n]{0,60}?"
    r"(?<![A-Za-z0-9!#$%&*+=?@^_~.-])(?P<value>(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9!#$%&*+=?@^_~.-]{6,40})"
    r"(?![A-Za-z0-9!#$%&*+=?@^_~-])")
# (a letter of those scripts: a cheap test first, most texts that are not ASCII are in Latin letters)
_OTHER_SCRIPT_LETTER = re.compile(r"[\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff"
                                  r"\u4e00-\u9fff\uac00-\ud7af]")
_NOT_A_SECRET_OTHER_SCRIPTS = re.compile(r"(?i)заказ|товар|ошибк|индекс|отслеж|замовлен|помилк|посилк|посылк|主文|订单|注文|"
                                         # (Hebrew order, shipment, tracking; Thai postcode, product, parcel, order)
                                         r"הזמנ|משלוח|מעקב|ไปรษณีย์|สินค้า|พัสดุ|คำสั่งซื้อ|ติดตาม|"
                                         # (a discount or promotion's code: Hebrew, Russian, Ukrainian, Greek, Thai,
                                         # Chinese)
                                         r"הנחה|קופון|промокод|скидк|знижк|εκπτω|κουπόνι|ส่วนลด|โปรโมชั่น|优惠|折扣|"
                                         # (Korean order and waybill, Chinese ticket and waybill numbers)
                                         r"주문|운송장|工单|工單|单号|單號|"
                                         # (Arabic order, shipment, tracking)
                                         r"الطلب|الشحنة|التتبع")
# "mine was Sunflower#1984", "same password as everywhere, Poppy2011!seaside", "the password you gave him,
# mango_tree_2209": a value in a strong password's shape (letters, digits, a symbol or "_" inside) later in the password
# word's sentence, with no "is" or colon between (each piece is a token of 8-40 characters)
_TOKEN_AFTER_WORD = re.compile(r"(?<![^\s\"'“‘(,:：「])[^\s\"'“”‘’,;()「」]{8,40}")
# a symbol between two letters or digits ("r#1", "o_t"): every such value has one; a cheap test before the password
# words are looked for (the pattern starts with the symbol, so the search skips from symbol to symbol)
_INNER_SYMBOL = re.compile(r"[!#$%&*+=?^_~](?<=[^\W_][!#$%&*+=?^_~])(?=[^\W_])")
# A network's key after "key" (privacy_cues.KEY_WORDS), with a network word in the text (NETWORK_WORDS)
_NETWORK_KEY = re.compile(
    rf"(?i)(?<![\w-]){cues.pattern(cues.KEY_WORDS)}(?![\w-])[^\S\n]*"
    # ("key's 4kX9mpL2qW7r")
    rf"(?:[:=]|(?<=\w)['’]s(?=\s)|(?<![\w-]){cues.pattern(cues.SECRET_IS)}(?![\w-]))?[^\S\n]*:?[^\S\n]*"
    # ("the key is the one on the sticker: qaxr7mptk4hz")
    r"(?:the\s+one\s+(?:on|from|printed\s+on)\s+the\s+[\w-]+[^\S\n]*:[^\S\n]*)?[\"'“‘]?"
    r"(?P<value>[^\s\"'“”‘’,;]{6,64}?)[\"'”’]?(?=[\s,;)]|[.!?]+(?:\s|$)|$)")
# A value of several words after a password or key word, said in brackets to be typed so: "the key is purple elephant 9
# (lowercase, with the spaces)"
_SPACED_VALUE_SAID_SO = re.compile(
    r"(?i)\b(?:key|password|passphrase|passcode|pw)\s+(?:is|was|:)\s+(?P<value>[\w'’-]+(?:[^\S\n]+[\w'’-]+){1,5})"
    r"[^\S\n]*(?:\((?=[^)\n]*\b(?:with\s+(?:the\s+)?spaces|spaces\s+included|all\s+lower\s*case|lower\s*case)\b)|"
    # (or said right after it, no bracket: "new key is purple monkey dishwasher 9 with the spaces")
    r"(?=(?:with\s+(?:the\s+)?spaces|spaces\s+included)\b))")
# A Wi-Fi key of digits in groups of four, after a network key's word and a colon ("WLAN-Netzwerkschlüssel von der
# Rückseite der Box: 4471 8820 9913 5527 0036", as routers print them)
_NETWORK_KEY_IN_GROUPS = re.compile(
    r"(?i)(?:wlan|wi-?fi|netzwerk|network|wpa2?)[\w-]*?(?:schlüssel|schluessel|key|passwort|kennwort|password)"
    r"(?![\w-])[^\n:]{0,40}:[^\S\n]*(?P<value>\d{4}(?:[ -]\d{4}){3,4})(?![\w-]|[ -]\d)")
# … or in groups of letters and digits, after what shows it ("key on the router sticker says 9hq4 ttmb x2rf")
_ROUTER_KEY_IN_GROUPS = re.compile(
    r"(?i)\b(?:key|password|passwort|pw)\b[^\n:.!?]{0,40}?\b(?:says|is|reads|shows)[^\S\n]*:?[^\S\n]*"
    r"(?P<value>(?=[a-z0-9 -]*\d)(?=[a-z0-9 -]*[a-z])[a-z0-9]{4}(?:[ -][a-z0-9]{4}){2,4})(?![\w-]|[ -][a-z0-9]{4}\b)")
_KEY_GATE_WORDS = cues.gate(cues.KEY_WORDS)
_NETWORK_GATE_WORDS = cues.gate(cues.NETWORK_WORDS) | frozenset({"wifi", "wi", "fi"})
# the best-known example passwords, which a how-to or a joke quotes: no one's password when only referred to
_EXAMPLE_PASSWORDS = re.compile(r"(?i)(?:password|passw0rd|p@ssw0rd|qwerty|letmein|admin|welcome|changeme|abc|"
                                r"iloveyou|secret|test|hunter)\d*[!.]?")
_DEFAULT_BEFORE = re.compile(r"(?i)\b(?:default|factory)\b")
_EXAMPLE_BEFORE = re.compile(r"(?i)\b(?:like|e\.g\.|eg|for example|for instance|such as|example|say|not|never)\W*$")
# a word and one or two digits: a product and its version ("Windows11", "Galaxy23"), not a password
# (a version below 30: "Windows11", "Galaxy23", "iPhone15", "Pixel8"; "tiger77", "Sunflower88" are passwords)
_PRODUCT_VERSION = re.compile(r"[A-Za-z][a-z]+(?:[1-9]|[12]\d)|i[A-Z][A-Za-z]+(?:[1-9]|[12]\d)")
# which language each password word is in: the value after it is judged against that language's words too
_PASSWORD_WORD_LANGUAGE = {phrase: lang for lang, group in reversed(list(cues.PASSWORD_WORDS.items()))
                           for phrase in group}
_PASSWORD_TEMPLATE = (
    # (not inside an e-mail address's domain: "0@PW-0.AC")
    r"(?i)(?<![\w/@])(?<![\w@]\.)(?P<word>WORDS)(?![\w/])"
    # "clave provisional es …", "password for the router is …", "pw on the sticker is …"
    rf"(?:\s+{cues.pattern(cues.SECRET_QUALIFIERS)}(?=\s))?"
    # (its length between: "카드 비밀번호 4자리 0417", "暗証番号4桁 0417", "pin 4 digits 0417")
    r"(?:\s*\d\s?(?:자리|桁|位|digits?|haneli|dígitos|chiffres|cifre|stellig\w*)(?=\s))?"
    r"(?:\s+(?:on|for|of|to)\s+(?:the|my|your|our|this|that)\s+[\w-]+(?=\s+(?:is|was|are|:))|"
    # ("pw for netflix - Garcia2023", "password for the router: …": what it is for, then a colon or a dash)
    # (a value with a digit: "password for the router: printed on the sticker" gives none)
    r"\s+(?:for|to)\s+(?:the\s+|my\s+|our\s+)?[\w-]+(?=(?:\s*[:=—–]|\s+-)\s*[\"'“]?[^\s\"'“”]*\d))?"
    r"(?P<connector>\s*(?:->|=>|→|[:=\-–—])\s*|['’]s\s+|"
    # (and Nigerian Pidgin's "na", before a value with a digit: "my password na Chidinma@2019")
    rf"\s+(?:(?:{cues.pattern(cues.SECRET_IS)}|a|from|(?-i:na)(?=\s+\S*\d))(?![\w'’-])|=)"
    # (one or two: "your password is now temporarily Hallway-Pepper-51")
    r"(?:\s+(?:always|still|now|just|set to|literally|definitely|actually|really|exactly|simply|temporarily|"
    r"currently)){0,2}\s*:?\s*|"
    # "hasło mam pierogi2025", "Passwort habe ich …": "I have" in its language (privacy_cues.PASSWORD_HAVE)
    rf"\s+{cues.pattern(cues.PASSWORD_HAVE)}(?![\w'’])\s*:?\s*|"
    r"\s*,\s*|\s+i (?:had|used|set)\s*\(?|\s+)"
    # (a code sent in two threes, whole: "sms ile gelen şifre 553 801")
    r"(?P<value>\"[^\"\n]{1,64}\"|'[^'\n]{1,64}'|“[^”\n]{1,64}”|\d{3} \d{3}(?![ \t]?\d)|[^\s\"'“”]{1,64})")
_PASSWORD = re.compile(_PASSWORD_TEMPLATE.replace("WORDS", _PASSWORD_WORD_EN))
# An amount of money: a "pass" (a day pass, a lift pass) is sold at a price, which is no password
# A ticket's kind right before "pass": "day pass (LM-DP-5521)", "lift pass desk phone is …" name a ticket, no password
_TICKET_PASS = re.compile(
    r"(?i)(?<![\w-])(?:day|lift|ski|season|bus|boarding|travel|train|rail|metro|tram|ferry|week|weekly|month|monthly|"
    r"annual|year|guest|visitor|hall|festival|gym|museum|park|parking|backstage|press|family|single|return|event|"
    r"member|membership|fast|express|priority|all-access)[\s-]+$")
# what a small number before it counts: a password described, not given ("6 random words", "12 characters")
_COUNTED_AFTER = re.compile(
    r"(?i)[^\S\n]+(?:[^\W\d_]+[^\S\n]+)?(?:words?|characters?|chars?|letters?|digits?|numbers?|symbols?|emojis?|"
    r"long|or more|plus|Wörter|Zeichen|Stellen|mots|caractères|palabras|caracteres|parole|caratteri|palavras)\b")
_PRICE = re.compile(r"[£$€¥₹]\s?\d[\d.,]*")
# Indonesian and Malay name a password's owner after what it is for: "Password aplikasi gym saya Jakarta2025", "kata
# sandi email aku Mawar#88" (a password word, up to three words, "saya"/"aku"/"gue", then a made-up value)
# (Czech and Polish the same with "I have" after what it is for: "heslo do internetbanky mam Vltava2019!")
_PASSWORD_OWNED_ID = re.compile(
    r"(?i)(?:\b(?:password|kata\s+sandi|sandi|pin)(?:\s+[^\W\d_]+){0,3}?\s+(?:saya|aku|gue|gw|ku)\s+"
    r"(?:(?:adalah|yaitu|itu|ialah)\s+|:\s*)?"
    r"|\b(?:heslo|hesla|hasło|haslo)\s+(?:do|na|k|ke|od|z|ze)\s+[^\W\d_]+\s+(?:mám|mam)\s+:?\s*)"
    r"(?P<value>[^\s\"'“”,;]{4,64})")
_ZEROS_SAID = re.compile(r"(?i)\boh(?:[\s,-]+oh){3}\b")  # ("my pin was oh oh oh oh": four zeros, see spoken_numbers)
_WORDS_AND_NUMBER_GATE = frozenset("password passcode passwort pw key contraseña clave senha passe mdp wifi "
                                    "wachtwoord hasło lösenord lösenordet".split())
_WORDS_AND_NUMBER_VERBS = frozenset("is was es era è é est ist war to är".split())  # (words: "c'est" gives "est")
_NOT_A_SPOKEN_PASSWORD_WORD = frozenset("every each per within only least most over under about around since until for "
                                        "at on in of by to up than less more page step option chapter".split())
_OWNER_ID_GATE = frozenset("saya aku gue gw ku mám mam".split())
# A password of a few words and a number after "password is" ("… and the password is blue heron 1952 …", as a voice
# message spells it out): each word no small word of a sentence nor a state ("reset", "expired"), no unit after the
# number ("valid for 24 hours", "changed every 90 days")
# (in the other languages too, a word of hesitation after "is", and a dash said aloud before the number: "mi contraseña
# es Tortuga 88", "password is um Bluebell 99", "mon code wifi c'est tournesol tiret 42")
# (and a few words between the cue and its verb, and a symbol said aloud before the number: "a senha do wifi é gaivota
# 555", "the password i set was sunflower hash 91", "hasło do wifi to Burza 99")
_WORDS_AND_NUMBER_PASSWORD = re.compile(
    r"(?i)\b(?P<cue>password|passcode|passwort|pw|key|contraseña|clave|senha|mot\s+de\s+passe|mdp|code\s+wi-?fi|"
    r"wachtwoord|hasło|lösenord(?:et)?)(?:\s+(?!(?:is|was|es|é|est|ist|to|är)\b)[^\W\d_]{1,12}){0,3}?"
    r"\s+(?:is|was|es|era|è|é|est|c['’]est|ist|war|to|är)(?:\s+nu)?\s+(?:(?:um|uh|erm|er|eh|ehm|euh|pues)\s+)?"
    r"(?P<value>(?P<words>[^\W\d_]{3,12}(?:\s+[^\W\d_]{3,12}){0,2}?)"
    r"(?:\s+(?:tiret|dash|guion|guión|trattino|bindestrich|hash|at|arroba|star|underscore))?\s+"
    r"\d{2,4})(?![\w:/-]|[.,]\d|\s*(?:%|percent|days?|hours?|hrs?|minutes?|mins?|months?|weeks?|years?|characters?|chars?|"
    r"digits?|letters?|symbols?|numbers?|words?|times?|attempts?|tries|euros?|dollars?|pounds?|am|pm)\b)")
# a year said to be the code itself: "its 1986 (yes my birth year, i know)"
_BIRTH_YEAR_AS_CODE = re.compile(r"(?i)[\s(,.\-–—]*(?:yes\s+|yeah\s+|ya\s+)?(?:it['’]?s\s+|it\s+is\s+)?(?:my|his|her|our)\s+"
                                 r"(?:birth\s*year|year\s+of\s+birth)\b")
_SET_BEFORE = re.compile(r"(?i)\b(?:set|sets|setting|changed?|changing|reset|updated?|made)\b")
# a password's quality before its word: advice on passwords ("a strong passphrase is …", "for a stronger master
# password: …"), not one given
# (also ending at a value's end: the value read may be the mark itself, "als Passwort, z.B. '…'")
_EXAMPLE_MARK_BEFORE = re.compile(
    r"(?i)(?:\bz\.\s?b\.|\be\.g\.|\bzum\s+beispiel|\bfor\s+example|\bfor\s+instance|\bpor\s+ejemplo|\bp\.\s?ej\.|"
    r"\bpar\s+exemple|\bpor\s+exemplo|\bad\s+esempio|\bnp\.|\bbijv\.|\börneğin|\bmisalnya|\bcontoh)\s*[:,]?\s*[\"'“‘«]?$")
_ADVICE_BEFORE = re.compile(r"(?i)\b(?:strong|stronger|strongest|secure|more secure|safer|safe|good|better|weak|"
                            r"unique)\s+(?:[\w-]+\s+)?$")
_CURRENCY_AFTER = re.compile(r"(?i)\s?(?:€|eur|usd|gbp|chf|zł|pln|kr|sek|nok|dkk|kč|czk)\b")
_PASSWORD_ABROAD = re.compile(_PASSWORD_TEMPLATE.replace("WORDS", _PASSWORD_WORD_ABROAD))
# "sunflower88 is my password", "Lantern42 was the old pw": the value before the word
_PASSWORD_AFTER = re.compile(
    # (the value possessive, {3,64}+: only its longest reading can be followed by a space)
    r"(?i)(?<![^\s(\"'“:])(?P<value>[^\s\"'“”]{3,64}+)\s+(?P<filler>(?:[\w']+\s+){0,3}?)(?:is|was|=|are|were|as)\s+"
    r"(?:my|the|our|his|her|their)\s+"
    rf"(?:(?:old|new|current|wifi|wi-fi|account|email|login|temporary|temp|master|main|primary|admin|bank|"
    rf"banking|router|default|work|app|vault)\s+)?(?:{_PASSWORD_WORD})(?![\w/])")
# a security answer first, then what it is: "parsnip is my memorable word", "Okafor was my mum's maiden name" (any word:
# an answer need not look made up; not a question's "what", nor "this" or "that")
_ANSWER_BEFORE_ITS_NAME = re.compile(
    r"(?i)(?<![^\s(\"'“:])(?P<value>[^\W\d_][^\s\"'“”,.;:!?]{2,40})\s+(?:is|was)\s+(?:my|the|our)\s+"
    r"(?:memorable\s+(?:word|answer|phrase)|(?:security|secret)\s+answer|"
    r"(?:(?:mother|mum|mom|mam)['’]?s\s+)?maiden\s+name)(?![\w-])")
_NOT_AN_ANSWER_BEFORE = frozenset("what which who where this that it there here so and but or then now whatever".split())
# "its literally 'bella2016' the password", "it's "Tern#44", my old password": a quoted value, then its word
_QUOTED_THEN_PASSWORD = re.compile(
    r"(?i)(?<![\w\"'“‘])[\"'“‘](?P<value>[^\s\"'“”‘’]{3,64})[\"'”’],?\s+(?P<filler>)(?:(?:is|was)\s+)?"
    r"(?:my|the|our|his|her|their)\s+(?:(?:old|new|current|wifi|wi-fi|account|login|temporary|temp|master|app)\s+)?"
    rf"(?:{_PASSWORD_WORD})(?![\w/])")
# '"Hafenkran_2023" ist mein Passwort', "Tulp!4471 is mijn wachtwoord", "Sol2024# es mi contraseña": the same in the
# other languages ("is" and "my" in each)
_PASSWORD_AFTER_ABROAD = re.compile(
    r"(?i)(?<![^\s(:])[\"“]?(?P<value>[^\s\"'“”]{3,64})[\"”]?\s+"
    r"(?:ist|war|est|était|c['’]est|c['’]était|es|era|è|é|is|was|jest|to|je|är|var|er|on|oli|volt|este|adalah|"
    # ("Sonnenblume77 – so lautet mein Passwort")
    r"[-–—]\s+so\s+(?:lautet|lautete|heißt|hieß))\s+"
    r"(?:mein|meine|mon|ma|mi|il\s+mio|la\s+mia|a\s+minha|o\s+meu|mijn|moje|moja|mé|moje|mitt|min|mit|minun|"
    r"das|le|la|el|il|o|a|het|de)\s+(?P<filler>(?:[\w-]+\s+)?)"
    rf"(?:{_PASSWORD_WORD_ABROAD[3:-1]})(?![\w/])")
# "3318 is my pin for the app": a PIN before its word; and a code given as one ("sent me 551 904 as the login code")
_PIN_BEFORE = re.compile(
    # (or a sentence of its own before it: "4072. that's the pin that came with my new card")
    # (and a lock's: "1776#. that's the gate code")
    r"(?i)(?<![\w.,/:-])(?<!\d )(?P<value>\d{4,8}#?|\d{3} \d{3}|\d{2}(?: \d{2}){2,3})"
    r"(?:\s+(?:is|was|waz|=|as)|[.!,]\s+(?:that['’]?s|this\s+is|it['’]?s))\s+"
    r"(?:my|the|our|his|her|their|your|a)\s+(?:(?:new|old|current|card|bank|app|phone|sim|debit|credit|atm|temporary|"
    r"temp|provisional|initial)\s+)?"
    r"(?:pin|mpin|pin code|pin number|passcode|otp|(?:login|log-in|sign-in|verification|one-time|2fa|mfa|security|"
    r"confirmation|access|pairing|unlock|activation|gate|door|front door|lobby|entry|entrance|building|alarm|"
    r"key ?safe|lockbox|garage|keypad|buzzer|padlock)\s+(?:code|pin))(?![\w/])"
    # (not what a year or a day was: "2019 was my pin year")
    r"(?!\s+(?:year|day|week|month|era|phase|moment)\b)")
# "user bobby_k / pwd Lantern42", "login: jlee88 password: …": a user name right before a password
_USERNAME = re.compile(
    r"(?i)\b(?:user ?name|user ?id|user|login|log-in|usr|u)\s*(?:[:=\-–]|\s(?:is|was))?\s*"
    r"(?P<value>[\w.@+\-]{2,64})(?=[\s,;/|&]+(?:and\s+|&\s+)?(?:my\s+|the\s+)?"
    rf"(?:{_PASSWORD_WORD}|p)(?![\w/]))")
# "User: bjorgensen / Temp: Winter#8823", "login: jdoe, initial pw: Kx7-…": a user name labelled, then a temporary
# or initial password labelled by that word alone
_USER_THEN_TEMP = re.compile(
    r"(?i)\b(?:user ?name|user ?id|user|login|usr)\s*[:=]\s*(?P<user>[\w.@+\-]{2,64})[^\S\n]*(?:[/,;|]|\band\b)[^\S\n]*"
    r"(?:temp(?:orary)?|tmp|initial)(?:[^\S\n]+(?:pass(?:word)?|pw|pwd|pin|code))?[^\S\n]*[:=][^\S\n]*"
    r"(?P<value>[^\s\"'“”]{3,64}?)[.,;!?)]*(?=\s|$)")
_TEMP_WORDS = frozenset("temp temporary tmp initial".split())
_USER_WORDS = frozenset("user username userid login usr".split())
# "login is bobby_k/Lantern42", "creds: bobby_k / Lantern42"
# (each match holds "log", "cred" or "user")
_CREDENTIAL_PAIR_PARTS = ("log", "cred", "user", "u/p", "u:", "un:", "usr:")
_CREDENTIAL_PAIR = re.compile(
    r"(?i)(?:\b(?:login|log-in|credentials|creds|user ?name and password|user and pass(?:word)?)|(?<![\w/])u\s*/\s*p)"
    r"\s*(?P<connector>[:=]|is|are)?\s*"
    # (or joined by a colon, as typed into a client: "creds are mike_t:Winter!2025")
    r"(?P<user>[\w.@+\-]{2,64})(?:\s*/\s*|(?P<loose>\s*,\s*|\s+and\s+|\s*&\s*|[^\S\n]*\n[^\S\n]*)|:(?=\S))"
    r"(?P<value>[^\s/\"'“”]{3,64}?)[.,;?)]*(?=\s|$)"  # (a password may end in "!")
    # each behind a one- or two-letter label, as in notes: "u: mike_t p: Winter!2025" (a name starts with a letter:
    # "U: 230V P: 1500W" is a voltage and a power)
    r"|(?<![\w/])(?:u|un|usr)\s*[:=]\s*(?P<user2>[a-z][\w.@+\-]{1,63})[,;]?\s+(?:p|pw|pwd|pass)\s*[:=]\s*"
    r"(?P<value2>[^\s\"'“”]{3,64}?)[.,;?)]*(?=\s|$)")
# a fraud's message quoting its victim's own line back: "Please confirm your personal email (…) and mobile (07700 …)"
_PERSONAL_LINE_ASKED = re.compile(r"(?i)\b(?:your|my)\s+(?:personal\s+|private\s+|own\s+)?(?:[\w.@()-]+\s+){0,4}?"
                                  r"(?:and\s+)?(?:mobile|cell|phone|number)\s*[:(]?\s*$")
# an account's login named as someone's right before its address ("her login is margaret.lyle1958@cloudmail.net")
_LOGIN_IS_BEFORE = re.compile(r"(?i)\b(?:my|his|her|their|your)\s+(?:\w+\s+)?(?:login|log-?in|username|user\s+name)"
                              r"\s*(?:is|was|:)\s*$")
_VIA_ACRONYM = re.compile(r"(?i:via)\s+(?![IVXLC]+\b)[A-Z]{2,}\b")
# digits given with how many minutes they last, as a one-time code is ("it's 583204, good for 10 mins")
_CODE_FOR_MINUTES = re.compile(
    r"(?i)(?<![\w.,/-])(?P<value>\d{4,8}|\d{3}[^\S\n]\d{3})(?![\w/-]|[.,]\d)[^\S\n]*[,;(–.-]?[^\S\n]*"
    # (or the next sentence: "… from our side: 847 302. It runs out in 10 minutes")
    r"(?:it['’]?s[^\S\n]+|it\s+is\s+|it\s+(?=runs|expires|lasts))?"
    r"(?:(?:good|valid)\s+for\s+(?:the\s+next\s+)?|expires\s+in\s+|runs\s+out\s+in\s+|lasts\s+(?:for\s+)?)"
    r"\d{1,2}\s*(?:min|mins|minutes)\b")
# Secrets written in a hurry, their word and their value apart in no set phrase ("typed it like 9 times, Bluejay!1987,
# and it keeps saying wrong password", "marigold-4417 gets you in for 24h", "pin na 5520", "7734 opens it"): a value
# shaped as a secret is near a secret's word (in its sentence or the one before, _NEAR_A_SECRET_WORD characters).
_PASSWORD_NEAR_WORDS = frozenset(
    "password passwords passwd pw pwd passcode passphrase wifi wi-fi wlan wpa contraseña clave senha passwort "
    "kennwort wachtwoord lösenord hasło hasło salasana parola provisional provisoria tijdelijke temporaire "
    "temporário temporária temporal temporary temp login admin modem router".split())
_PASSWORD_SYMBOLS = "!#$%&*_"  # (what a password of letters alone has between them: _PASSWORD_SHAPED)
_PASSWORD_NEAR_PHRASES = re.compile(r"(?i)\b(?:mot\s+de\s+passe|gets\s+you\s+in|lets\s+you\s+in|log\s+in\s+with|"
                                    r"caps\s+lock)\b")
_CODE_NEAR_WORDS = frozenset(
    "pin pincode pinkoden pinkod pin-code mpin m-pin puk puk1 puk2 otp token passcode clave alarm keysafe keypad lockbox "
    "padlock "
    "digicode "
    "geheimzahl tan locker voicemail verify verified verification buzzer intercom taquilla casillero consigne "
    "schließfach armadietto kluisje sleutelkluis sleutelkluisje schlüsselkasten schlüsselsafe paczkomat".split())
_CODE_NEAR_PHRASES = re.compile(
    r"(?i)\b(?:key\s+safe|key\s+box|opens\s+it|o\s+pin|the\s+pin|gate\s+code|door\s+code|(?:pound|hash)\s+key|"
    r"then\s+(?:the\s+)?(?:hash|pound)|punch(?:\s+in)?|(?:digital|smart|door|keypad)\s+lock|"
    r"opens\s+(?:the\s+)?(?:gate|door|lock|box|locker)|(?:gets|lets)\s+(?:you|them|him|her|us|me|the\s+\w+)\s+(?:in|through)\b|bo[iî]te\s+[àa]\s+cl[ée]s|"
    r"s['’]ouvre|opens\s+with|öffnet|that['’]?s\s+(?:the|my|your)\s+(?:code|pin)|"
    r"(?:one[- ](?:time|off)|login|verification|security|sms)\s+(?:pass)?code|"
    # (a temporary, verification, unlock or access code abroad: "c'est votre code provisoire", "codice di sblocco")
    r"(?:code|codice|c[óo]digo|kod)\s+(?:provisoire|temporaire|de\s+v[ée]rification|de\s+d[ée]verrouillage|"
    r"d['’]acc[èe]s|provvisorio|temporaneo|di\s+verifica|di\s+sblocco|di\s+accesso|provis[óo]rio|temporal|"
    r"tempor[áa]rio|de\s+verificaci[óo]n|de\s+verifica[çc][ãa]o|de\s+desbloqueo|de\s+desbloqueio|de\s+acceso|"
    r"de\s+acesso|tymczasowy|weryfikacyjny|odblokowania|dost[ęe]pu)|"
    r"for\s+the\s+(?:(?:lobby|front|back|side|main|building|garden)\s+)?(?:door|gate)|"
    # (a code's compound: "Abholcode", "Türcode", "portkod"; not a postcode, a barcode, a promo's or an error's)
    r"(?!(?:post|bar|zip|promo|rabatt|gutschein|fehler|error|qr|source|area|country|dress|discount|voucher|produkt|"
    r"product|region|länder|laender|sort|tracking|zugangs|kleur|farb|color|colour|couleur|kleuren|farben)(?:code|kod))"
    r"[^\W\d_]{3,}(?:code|kod|koden))\b")
_NEAR_A_SECRET_WORD = 90
# (a digit first: "A320", "B747" are aircraft, "B12" a gate)
_DIGICODE_SHAPED = re.compile(r"(?<![\w/.,-])(?=[\dA-D ]*[A-D])(?:\d{1,5}[A-D]\d{0,4}|\d[A-D]?(?: \d\d){2}|"
                              r"[A-D]\d(?: \d{1,2}){2})"
                              r"(?![\w/-]|[.,]\d| \d)")
_DOOR_CODE_WORDS = ("digicode", "code", "porte", "portail", "entrée", "entree", "door", "gate", "interphone", "tapera",
                    "tapez", "taper", "composez", "composer")
_DOOR_CODE_CUE = re.compile(rf"(?i)\b(?:{'|'.join(_DOOR_CODE_WORDS)})\b")
_DIGICODE_GATE = frozenset(_DOOR_CODE_WORDS)
_A_UNIT_BEFORE = re.compile(r"(?i)\b(?:apt|apartment|appartement|appt|flat|unit|suite|bât(?:iment)?|building|bloc|"
                            r"block|étage|floor|no|n°|#)\.?\s*$")
# (a year's digits are a code when a lock opens with them: "het sleutelkluisje … gaat open met 1964")
_OPENS_WITH_BEFORE = re.compile(r"(?i)\b(?:opens?\s+with|gaat\s+open\s+met|öffnet\s+(?:sich\s+)?mit|geht\s+auf\s+mit|"
                                r"s['’]ouvre\s+avec|se\s+abre\s+con|si\s+apre\s+con|abre\s+com|otwiera\s+si[eę]\s+(?:kodem\s+)?)"
                                r"\s*:?\s*$")
# what every match of _PASSWORD_NEAR_PHRASES and _CODE_NEAR_PHRASES holds (a few substring tests spare most texts both
# searches; the compound code words' alternative is tried at every word)
_NEAR_PHRASE_PARTS = ("passe", "gets", "lets", "log", "key", "opens", "pin", "code", "kod", "codi", "código", "hash",
                      "pound", "punch", "lock", "ouvre", "door", "gate")
_WIFI_WORDS = frozenset({"wifi", "wi-fi", "wlan", "wpa"})
_METER_WORDS = frozenset({"meter", "electricity", "prepaid", "units", "vending"})
_LONG_DIGIT_KEY = re.compile(r"(?<![\w.,/:+-])(?:\d{12,64}|\d{4,5}(?:[ -]\d{4,5}){2,12})(?![\w/-]|[.,]\d| \d)")
# a Wi-Fi key of capitals and digits ("7F3K9PQ2XW"): near a Wi-Fi word only (elsewhere a reference's shape)
_CAPITALS_AND_DIGITS_KEY = re.compile(r"(?<![\w@#/.:-])(?=[A-Z0-9]*\d[A-Z0-9]*\d[A-Z0-9]*\d)"
                                      r"(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z0-9]{8,32}(?![\w@/-])")
# a word and digits, mixed case, symbols: what people make passwords of (one letter at least, lower-case among them,
# and a digit)
_PASSWORD_SHAPED = re.compile(r"(?<![\w@#/.:$€£₹-])(?P<value>(?=[^\s]*\d|[^\s]*[A-Z][^\s]*[a-z][!#$%&*_][a-z]|"
                              r"[^\s]*[a-z][!#$%&*_][A-Z][a-z])(?=[^\s]*[a-z])[^\W_][^\s,;:\"'“”()<>]{5,39})"
                              r"(?<![.!?])(?![\w@/-])")
_CODE_SHAPED = re.compile(r"(?<![\w.,/:$€£₹#*+(-])(?<!\d[ -])(?<!\d\))(?P<value>\d{4,8}|\d{3} \d{3}|\d{1,2}(?: \d{1,2}){2,7}|\d(?:-\d){3,7})"
                          r"(?![\w/%°€£$)]|[.,:]\d|[ -]?\d)")
# (or alone in its brackets: "the one the rep gave me (559013) doesn't work")
_CODE_SHAPED_IN_BRACKETS = re.compile(r"(?<=[^\w(]\()(?P<value>\d{4,8})(?=\))")
# what such a value also is: a model, a version, a unit, an ordinal, a measure ("iphone15", "covid19", "5ghz", "v2.4")
_NOT_PASSWORD_SHAPED = re.compile(
    r"(?i)(?:iphone|ipad|galaxy|pixel|windows|win|office|xbox|ps|covid|airpods|macbook|note|model|version|v|mk|gen|"
    r"android|ios|macos|ubuntu|debian|fedora|chrome|firefox|safari|edge|java|python|php|"
    # (a number and its unit, not a run of letters and digits ending so: "Rt9p" in "7Fq-Lm2x-Rt9p")
    r"series|wifi|wi-fi|router|modem|hub|box|fritzbox|ssid)\d|(?<![^\W\d_]{2})(?<![^\W\d_]\d)\d(?:st|nd|rd|th|am|pm|h|hrs?|"
    r"min|mins|gb|mb|tb|kb|"
    r"ghz|mhz|mbps|gbps|kg|km|mm|cm|ml|mg|px|p|k|x|g|s|yo)$|^\d+(?:\.\d+)+$|https?|www\.|\.(?:com|org|net|io|co)\b|"
    # (a number and its word, "2-step", "6-digit", "404-Seite"; the example everyone gives, "Password123", "1Password")
    r"^\d+-[^\W\d_]+$|p[a@]ssw[o0]rd|^1password$")
# an example or a value warned against, not one given: "something like Blue!Otter2024", "e.g. …", "not '1234'", "than"
_EXAMPLE_OR_WARNING_BEFORE = re.compile(
    r"(?i)\b(?:like|e\.?g\.?|such\s+as|z\.\s?b\.|zum\s+beispiel|par\s+exemple|por\s+ejemplo|p\.\s?ej\.|"
    r"ad\s+esempio|"
    # ("types: 1234 …" lists kinds; "i type 5830 then off" keys a code in)
    # ("read to us as 7Fq-…", "set it as …": what it was given as)
    r"bijvoorbeeld|bijv\.|than|not|avoid|never|example|can['’]?t\s+use|cannot\s+use|don['’]?t\s+use|(?<!\bi )(?<!\byou )(?<!\bwe )(?<!\bthen )types?|"
    r"(?<!\bus )(?<!\bit )(?<!\bme )(?<!\bthem )as|ex\.?|comme|como|wie|come|zoals)\W{0,3}$")
# where digits are a line, a place or a short code: "call us on 1930", "report it to 7726", "i'm at 4420"
_A_LINE_OR_PLACE_BEFORE = re.compile(
    r"(?i)\b(?:call|calls|called|ring|text|sms|dial|whatsapp|report(?:\s+it)?\s+(?:on|to)|(?:send|forward)\s+(?:it\s+)?to|"
    r"on|from|helpline|hotline|"
    r"number|nummer|numéro|número|no\.?|tel\.?|phone|mobile|at|au|auth|en|in|im|al|na\s+ulicy|ul\.|before|after|"
    r"until|till|by|since)\W{0,3}$|"
    r"(?:ได้ที่|โทร|เบอร์)\s*$")
# … but not where digits are entered or a lock is set: "I put in 48306 as my remote pin", "I'll leave it at 290517"
_ENTERED_OR_SET_BEFORE = re.compile(r"(?i)\b(?:(?:put|typed|keyed|punched|entered)\s+in|(?:leave|set|keep|change|"
                                    r"reset)\s+it\s+(?:at|to))\W{0,3}$")
_MASKED_OR_PLACE_BEFORE = re.compile(r"(?:[Xx*•]{2,}|\b[A-Z]{2,3}|\b(?P<word>[A-Z][a-z]+))[^\S\n]$")


def _masked_or_a_postcode(text: str, start: int, value: str) -> bool:
    """Digits a masked value shows ("XXXX XXXX 1234"), or a postcode after its state ("TX 78749") or, four to six
    digits in one run, after its town ("Cape Town 7530"; not a capitalised code word or a verb keying it in: "Pin 4471",
    "Punch 4471 then #")."""
    before = _MASKED_OR_PLACE_BEFORE.search(text, max(0, start - 20), start)
    if before is None:
        return False
    town = before.group("word")
    return town is None or " " not in value and len(value) <= 6 and town.lower() not in _CODE_NEAR_WORDS and \
        town.lower() not in _KEYING_VERBS


_KEYING_VERBS = frozenset({"punch", "enter", "type", "key", "press", "use", "try"})  # ("Punch 4471 then #"): no town
# digits everyone gives as an example PIN: one digit repeated, a run up or down ("0000", "1234", "123456")
_EXAMPLE_DIGITS = frozenset({run[i:i + n] for run in ("01234567890", "9876543210") for n in range(4, 9)
                             for i in range(len(run) - n + 1)} | {str(d) * n for d in range(10) for n in range(4, 9)})
# what follows digits that are a line or a place: Hinglish "… pe report karein" (report on …), a street or a town
_A_PLACE_AFTER = re.compile(r"[^\S\n]?(?:pe|par)[^\S\n]+(?:report|call|contact|sms)\b|"
                            r"[^\S\n]+(?:[NSEW]\.?[^\S\n]|(?-i:[A-Z])[^\W\d_]+|route|rue|calle|via|street|st\b|ave|road|rd\b)")
# a name, a login or a reference before it: "user gemma84", "order ab-4471", "SSID Home-5G-77"
_NOT_A_SECRET_BEFORE = re.compile(
    r"(?i)\b(?:user(?:\s?name)?|login|log\s+in\s+as|handle|account|acct|id|e-?mail|ssid|network(?:\s+name)?|named?|"
    r"called|model|version|ending(?:\s+in)?|eindigend\s+op|endend\s+(?:auf|mit)|terminant\s+par|"
    r"termina(?:da|ndo)?\s+(?:en|em|in|con)|last\s+(?:4|four)|room|flat|apt|unit|suite|store|branch|route|bus|"
    r"flight|gate|terminal|platform|seat|step|error|código\s+postal|postcode|zip|queue|printer|server|share|folder|"
    r"channel|group|project|tag|sku|part|item|product|plan|tier|short\s*codes?)\W{0,3}$|"
    # (a network's name given with its verb: "the router's default network name is Nova-5G-4A2C")
    r"\b(?:network\s+name|ssid|wi-?fi\s+name)\s+(?:is|was)\s+$")
# an alarm clock's, a flight's or a bill's digits around them (a time's "am", "pm", "uhr" only right after it:
# _TIME_OR_AMOUNT_AFTER; German's "am", at the, is no time)
_NOT_A_CODE_AROUND = re.compile(r"(?i)\b(?:wake|woke|clock|morning|snooze|o['’]clock|flight|terminal|boarding|"
                                r"departure|platform|gleis|invoice|bill|quote|repair|price|cost|paid)\b")
# digits a message is sent to ("report scam numbers to 1515", "forward the msg to 7726"), a street's postcode on its line
_DIGITS_SENT_TO_BEFORE = re.compile(r"(?i)\b(?:report|text|sms|send|forward)\w*(?:\s+[\w'’]+){0,3}\s+to\W{0,3}$")
_STREET_BEFORE_ON_LINE = re.compile(
    r"(?i)\b\d+[a-z]?\s+(?:[\w'’.-]+\s+){1,4}(?:st|street|ave|avenue|rd|road|dr|drive|ln|lane|blvd|boulevard|way|ct|"
    r"court|pl|place|cres|crescent|tce|terrace|close|cl|hwy|highway|pde|parade)\b,?(?:[^\S\n]+[\w'’.-]+,?){0,4}[^\S\n]+$")
_TIME_OR_AMOUNT_AFTER = re.compile(
    r"(?i)\s?(?:am|pm|h|hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|weeks?|months?|years?|times|x|items?|pcs|"
    r"points|pts|miles|km|kg|uhr|heures?|horas?|ore|uur|timmar|stunden|tage|jours|días|dias|giorni|dagen|dagar|"
    r"€|\$|£|eur|euros?|usd|dollars?|pounds?|bucks|gbp|chf|kr|zł|naira|rupees?|rs\.?|inr|r\$)\b")
_AMOUNT_BEFORE = re.compile(r"(?i)(?:[$€£₹₦¥]|\b(?:rs|inr|ngn|usd|eur|gbp|chf|kr|r\$|n)\.?)\s?$")


# A SIM's PUK is eight digits: eight digits a few sentences after it is named are it, however they are referred to
_PUK_DIGITS = re.compile(r"(?i)(?<![\w-])puk[12]?(?![\w-])[\s\S]{0,160}?(?<![\w.,/:-])(?P<value>\d{8}|\d{4}[ -]\d{4})"
                         r"(?![\w/-]|[.,:]\d|[ -]\d)")
_CODE_OR_IT_BEFORE = re.compile(r"(?i)\b(?:it['’]?s|it\s+is|code|otp|pin|passcode)\b[^\S\n]*:?[^\S\n]*$")
# (or a code asked for or sent a line or two before: "[10:42] Kayla: ok just triggered a fresh code … 604 218 , good …")
_CODE_WORD_BEFORE = re.compile(r"(?i)\b(?:(?:fresh|new|one-time|verification|login|sms|security)\s+code|otp|"
                               r"(?:triggered|sent|resent)\s+(?:you\s+)?a\s+(?:fresh|new)\s+one)\b")
# an account the organisation disowns right after it ("the account 1023556781 that sent you … is not ours")
_NOT_OURS_AFTER = re.compile(r"(?i)[^.!?\n]{0,60}?\b(?:is|are)\s+not\s+ours\b|[^.!?\n]{0,60}?\bisn['’]t\s+ours\b|"
                             r"[^.!?\n]{0,60}?\b(?:does|do)\s+not\s+belong\s+to\b|[^.!?\n]{0,60}?\b(?:doesn|don)['’]t\s+"
                             r"belong\s+to\b")
# a licence that is no driver's ("your software licence AB123456 expires")
_SOFTWARE_BEFORE = re.compile(r"(?i)\b(?:software|product|app|game|windows|office|antivirus|plugin|plug-in|"
                              r"seat|site|music|radio|tv|fishing|liquor|pet|dog)\s+$")
# an organisation named by its acronym, then its number in brackets ("L'ADIL de l'Isère (04 …", "the CAB (0300 …")
_ACRONYM_THEN_PAREN = re.compile(r"(?<![\w-])(?-i:[A-Z]{3,6})(?![\w-])[^()\n.!?\d:,]{0,30}\(\s*$")
# an Interac e-Transfer's answer, which releases the money ("sent the e-transfer …, answer is maplesyrup2024")
_E_TRANSFER_ANSWER = re.compile(r"(?i)\b(?:e-?transfers?|interac)\b[^.!?\n]{0,80}?\b(?:answer|password|pw)\s*"
                                r"(?P<connector>(?:is|was|has\s+been)\s+(?:set|changed|updated)\s+to|is|was|:|=)?\s*"
                                r"(?P<quote>[\"'“])?(?P<value>[^\s\"'“”,.;!?]{3,40})")
# a password before what it is ("Harbor!6218 is your temp password"; "… is the new password")
_VALUE_IS_YOUR_PASSWORD = re.compile(
    r"(?i)(?<![\w@.-])(?P<value>[^\s\"'“”:,;]{6,64}?)[^\S\n]+is[^\S\n]+"
    r"(?:your[^\S\n]+(?:(?:new|temp|temporary|one-time|initial)[^\S\n]+)?|"
    r"the[^\S\n]+(?:new|temp|temporary|one-time|initial)[^\S\n]+)(?:password|passcode|pin)\b")
# A password, PIN or access code named, then a few words saying which one, then "is" in its language or ":", then
# the value: "je nieuwe wachtwoord voor het klantportaal is Tulp!4471", "the lockbox by the front door is 7-2-4-9",
# "o código de ativação do seu cartão é 5521". The value holds two digits or more (words alone are left to the
# password rules; "turn on 2FA" is no value).
# (with the one-time-code words: "your OTP for changing the registered mobile is 604 139"; in English only those with a
# telling word, "sms code" or "text code" would make every text with "text" pay)
_SECRET_NAMES = {lang: cues.PASSWORD_WORDS.get(lang, ()) + cues.PIN_WORDS.get(lang, ()) +
                 cues.ACCESS_CODE_WORDS.get(lang, ()) +
                 (("otp", "verification code", "2fa code", "mfa code", "authentication code") if lang == "en" else
                  cues.OTP_WORDS.get(lang, ())) for lang in cues.PASSWORD_WORDS}
_SECRET_VALUE_END = r"(?=[\s\"'»”’),;]|[.!?](?:\s|$)|$)"
_LABELLED_SECRET_TAIL = (
    # (up to eight words: "a senha do wifi que o técnico da @NetLar deixou é …")
    r"(?:[^\S\n]+[^\s.!?:;,()]{1,24}){0,8}?"
    # (the value maybe on the next line: "PUK from the card it came on is\n4471 9920")
    rf"[^\S\n]*(?:(?<![\w-]){cues.pattern(cues.SECRET_IS)}(?![\w-])[^\S\n]*:?|:|=|(?=\())[^\S\n]*\n?[^\S\n]*[\"'«“‘(]?"
    # (a code in groups whole: "your OTP for changing the registered mobile is 604 139")
    rf"(?P<value>\d{{3}} \d{{3}}(?! \d)|\d{{4}} \d{{4}}(?! \d)|\d{{2}}(?: \d{{2}}){{2,3}}(?! \d)|\d(?: \d){{3,7}}(?! \d)|"
    rf"(?=[^\s\"'»”’),;]*\d)[^\s\"'»”’(),;]{{3,40}}?){_SECRET_VALUE_END}")
# (the other languages' names are tried only on a text holding one of their words: see _Cues)
_LABELLED_SECRET = _Cues(
    # (the last part of a compound too: "Ihre neue Online-Banking-PIN lautet 53904")
    re.compile(rf"(?i)(?<!\w)(?<![\W\d_]-){cues.pattern(_SECRET_NAMES, ['en'])}(?![\w-]){_LABELLED_SECRET_TAIL}"),
    re.compile(rf"(?i)(?<!\w)(?<![\W\d_]-){cues.pattern(_SECRET_NAMES, cues.abroad(_SECRET_NAMES))}(?![\w-])"
               rf"{_LABELLED_SECRET_TAIL}"),
    cues.gate(_SECRET_NAMES, languages=cues.abroad(_SECRET_NAMES)), _first_words(cues.phrases(_SECRET_NAMES, ["en"])))
# How a code's digits are written: 4-8 in a run, one by one with spaces ("2 9 0 7"), in two threes ("604 139") or in
# three or four pairs ("77 41 02"), and no more digits after a space (a phone number's groups go on)
_CODE_DIGITS = r"(?:\d{4,8}|\d(?: \d){3,7}|\d{3} \d{3}|\d{2}(?: \d{2}){2,3})(?! \d)"
_CODE_FOLLOWS = re.compile(
    rf"(?i)(?<![\w-]){cues.pattern(cues.CODE_FOLLOWS)}(?![\w-])[^\S\n]*:?[^\S\n]*"
    rf"(?P<value>{_CODE_DIGITS})(?![\w-]|[.,]\d)")
_LABELLED_SECRET_GATE = cues.gate(_SECRET_NAMES, cues.CODE_FOLLOWS)
_CODE_FOLLOWS_GATE = _first_words(cues.phrases(cues.CODE_FOLLOWS))
# "din tillfälliga kod är 448 120", "el código de Bizum que me llegó es 662 071": a plain code word, a few words,
# "is" in its language or ":", and digits (4-8, or in groups: "448 120", "71-84-22"); not a postal, discount,
# error, order … code (privacy_cues.NOT_A_SECRET_CODE, between the words or right before the code word)
_CODE_LABELLED = re.compile(
    rf"(?i)(?<![\w-])(?P<word>{cues.pattern(cues.CODE_WORDS)})(?![\w-])"
    r"(?P<between>(?:[^\S\n]+[^\s.!?:;,()\d]{1,24}){0,6}?)[^\S\n]*"
    rf"(?:(?<![\w-]){cues.pattern(cues.SECRET_IS)}(?![\w-])[^\S\n]*:?|:)[^\S\n]*[\"'«“‘]?"
    r"(?P<value>\d{2,4}(?:[ -]\d{2,4}){1,3}|\d{3,8}|\d(?: \d){2,7})(?![\w-]|[.,]\d)")
# (not a game's, "the cheat code is 4 4 1 2", by _NOT_OTP_CODE's word before its own)
# (three digits are a code only of a door's, a gate's or an intercom's: "il codice del citofono è 2 7 5")
_DOOR_BETWEEN = re.compile(r"(?i)\b(?:citofono|portone|cancello|intercom|buzzer|gate|door|interphone|portail|porte|"
                           r"puerta|portal|port[ãa]o|tor|haust[üu]r|deur|poort|porten|grind|bramy?|drzwi|domofon\w*)\b")
_CODE_GATE_WORDS = cues.gate(cues.CODE_WORDS) | frozenset({"code"})
# "me han pedido el código del bizum 739 204", "habe den Code 4471 bekommen": a plain code word in another language,
# up to three words, and the digits right after them, with a word of the code passing between people in its sentence
# (privacy_cues.CODE_PASSED); English: _CODE and _OTP_SENT
_CODE_PASSED_ABROAD = re.compile(
    rf"(?i)(?<![\w-])(?P<word>{cues.pattern(cues.CODE_WORDS, cues.abroad(cues.CODE_WORDS))})(?![\w-])"
    rf"(?P<between>(?:[^\S\n]+[^\W\d_]{{1,20}}){{0,3}}?)[^\S\n]*:?[^\S\n]*(?P<value>{_CODE_DIGITS})(?![\w/]|[.,:-]\d)")
_CODE_PASSED_WORDS = re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.CODE_PASSED, cues.abroad(cues.CODE_PASSED))}(?![\w-])")
_CODE_PASSED_GATE = cues.gate(cues.CODE_PASSED, languages=cues.abroad(cues.CODE_PASSED))
_NOT_A_SECRET_CODE = re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.NOT_A_SECRET_CODE)}(?![\w-])")
# A secret named, then its value further on in the sentence, set off by commas or a dash or given as what it is now
# ("Le digicode que vous nous avez donné, B4719, est bien noté", "the modem key for you, it's now kereru-sunset-404",
# "la clave … ahora es Girasol.1990"): a value holding a digit
_SET_OFF_SECRET_WORDS = ("password", "passwort", "passcode", "pin", "pw", "pwd", "digicode", "code", "código", "codigo",
                         "codice", "kod", "clave",
                         "contraseña", "senha", "wachtwoord", "lösenord", "kennwort", "puk")
_SET_OFF_SECRET_GATE = frozenset(_SET_OFF_SECRET_WORDS + ("key", "passe"))
_CODE_WORDS_ABROAD = frozenset({"code", "código", "codigo", "codice", "kod"})
# a code word that names no secret by what follows it: "codice fiscale" (a tax id), "código postal", "kod pocztowy"
_NOT_A_SECRETS_CODE_AFTER = re.compile(r"(?i)\s+(?:fiscale|postal|postale|pocztowy|de\s+barras|a\s+barre|iata|swift|"
                                       r"bic|ifsc|ateco|cnae|naf)\b")
_SET_OFF_SECRET_NAME = (rf"(?i)(?<![\w-])(?P<word>{'|'.join(_SET_OFF_SECRET_WORDS)}|mot\s+de\s+passe|"
                        r"(?:wi-?fi|wlan|modem|router|network)\s+(?:key|password))(?![\w-])")
_SET_OFF_SECRET_VALUE = r"(?P<value>(?=[^\s,;]*\d)[^\s,;\"'“”()]{4,40}?)(?=[.,;!?)]?(?:\s|$))"
_SET_OFF_SECRET = (
    # (set off by commas or a dash, no comma between: "the digicode you gave us, B4719, …")
    re.compile(_SET_OFF_SECRET_NAME + r"[^.!?\n,:—–]{0,50}?(?:,\s*|\s[—–]\s*)" + _SET_OFF_SECRET_VALUE),
    # (what it is now, later in the sentence: "…, y ahora es Girasol.1990")
    re.compile(_SET_OFF_SECRET_NAME + r"[^.!?\n:—–]{0,100}?\b(?:(?:it['’]s|is|es|est|c['’]est|ist|é|è|era|was)\s+"
               r"(?:now|ahora|maintenant|jetzt|agora|ora|nu)|(?:now|ahora|maintenant|jetzt|agora|ora|nu)\s+"
               r"(?:it['’]s|is|es|est|c['’]est|ist|é|è|era))\s+" + _SET_OFF_SECRET_VALUE))
# what a "value" there may be that is no secret: a length or kind ("4-digit", "8+ characters"), an amount, a time
# a length, written after a password word's "is" too ("a strong password is 12+ characters"): advice, no value
_A_LENGTH = (r"\d+[-+]?[^\S\n]?(?:digits?|chars?|characters?|letters?|symbols?|stellig\w*|chiffres?|cifras?|"
             r"d[ií]gitos?|cifre|tekens?|znak\w*|tecken|tegn|merkkiä|hane\w*)")
_A_LENGTH_AT = re.compile(rf"(?i){_A_LENGTH}\b")
_NOT_A_SECRET_VALUE = re.compile(rf"(?i){_A_LENGTH}|"
                                 r"[$€£¥%]|\d{1,2}(?:[.:]\d\d)?(?:am|pm|h|uhr)|\d+[-‐–][^\W\d_]{3,}|\d{1,2}[-–]\d{1,3}")
# "71-84-22": a code read in pairs, not a range ("1-3", "10-15")
_GROUPED_CODE = re.compile(r"\d{1,4}(?:[-–]\d{1,4}){2,}")
# Tokens whose shape names them (the formats detect-secrets' plugins know): AWS access key ids, GitHub,
# Stripe secret and restricted keys (not the publishable pk_ ones), Slack, Google API keys, JSON Web Tokens,
# private key blocks
_KNOWN_TOKEN = re.compile(
    r"(?<![\w-])(?:(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\w{22,255}|"
    r"(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,247}|xox[abposr]-[0-9A-Za-z-]{10,}|AIza[0-9A-Za-z_\-]{35}|"
    r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|"
    # (GitLab, npm, Hugging Face, PyPI, Shopify, DigitalOcean, Anthropic and SendGrid tokens: each prefix is the
    # vendor's own, and the tail random)
    r"glpat-[0-9A-Za-z_-]{20,}|npm_[0-9A-Za-z]{36}|hf_[A-Za-z0-9]{30,40}|pypi-AgE[0-9A-Za-z_-]{50,}|"
    r"shp(?:at|ss|ca|pa)_[0-9a-fA-F]{32}|dop_v1_[0-9a-f]{64}|sk-ant-[0-9A-Za-z_-]{20,}|"
    r"SG\.[0-9A-Za-z_-]{16,32}\.[0-9A-Za-z_-]{16,64})(?![\w-])")
# A BitLocker recovery key by its shape alone: eight groups of six digits joined by dashes (no other number is written so)
_BITLOCKER_KEY = re.compile(r"(?<![\w-])\d{6}(?:-\d{6}){7}(?![\w-])")
# A value after a key, token, recovery-code or security-answer word
# (each match's key word holds one of these)
_KEY_VALUE_PARTS = ("api", "key", "secret", "token", "recovery", "backup", "seed", "security", "memorable", "maiden",
                    "bearer", "schl", "chiave", "jeton", "answer")
_KEY_VALUE = re.compile(
    r"(?i)\b(?P<word>api[ _-]?key|access[ _-]?key|secret[ _-]?key|secret|token|auth[ _-]?token|access[ _-]?token|"
    r"client[ _-]?secret|recovery[ _-]?(?:code|key|phrase)|backup[ _-]?codes?|seed[ _-]?phrase|"
    r"security[ _-]?(?:answer|question answer|word)|secret[ _-]?answer|memorable[ _-]?(?:word|answer)|"
    r"mother'?s[ _-]?maiden[ _-]?name|bearer|signing[ _-]?secret|webhook[ _-]?secret|private[ _-]?key|"
    # the same words in the other languages (API-Schlüssel, clé API, clave API, chiave API …)
    r"api-?schl[üu]ssel|schl[üu]ssel|cl[ée] (?:api|secr[èe]te|d'api)|clave (?:api|de api|secreta)|"
    r"chiave (?:api|segreta)|chave (?:api|de api|secreta)|api-?sleutel|klucz api|api-?nyckel|api-?n[øo]gle|"
    r"api anahtar[ıi]|jeton|(?:(?<=the )|(?<=my )|(?<![^\n]))answer)\b(?:['’]s)?"
    r"(?P<connector>\s*[:=]\s*|(?:\s+(?:on file|(?:you|we|they)(?:['’]ve| have)?\s+(?:got\s+)?on\s+file|we have|"
    r"we hold|now|(?:on|for|of|in)\s+(?:the|my|your|our|this)\s+"
    # (or set or changed to it: "your security answer was set to maplesyrup94")
    r"[\w-]+))?\s+(?:(?:is|was|has\s+been)\s+(?:set|changed|updated|reset)\s+to|(?:is|was)\s+(?:still|now)|is|was|are|to|ist|est|es|è|é|"
    r"lautet)\s*:?\s*|\s+)"
    r"(?P<value>\"[^\"\n]{1,64}\"|'[^'\n]{1,64}'|[^\s\"'“”,;]{3,200})")
# An access key or token of any vendor by its shape: a short prefix and one or two more parts joined by "_" or "-"
# ("pk_prod_…", "sk-proj-…", "glpat-…"), then 16 or more letters and digits mixing capitals, small letters and digits
# (a random tail), with a key, token or secret word in the text (_TOKEN_GATE)
_PREFIXED_TOKEN = re.compile(
    r"(?<![\w-])(?P<value>[A-Za-z]{2,10}[_-](?:[A-Za-z0-9]{2,12}[_-]){0,2}"
    r"(?:(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])(?P<tail>[A-Za-z0-9]{16,200})|"
    # (or a tail of small hex digits, as many vendors' keys are: "rp_tok_7c1e04b98a2d4f33bb10")
    r"(?=[a-f0-9]*\d)(?=[a-f0-9]*[a-f])(?P<hex>[a-f0-9]{16,200})))(?![\w-])")
_TOKEN_GATE = frozenset("key keys token tokens secret secrets api apikey credential credentials bearer webhook "
                        "clé cle schlüssel schlussel clave chiave chave sleutel klucz nyckel nøgle nøkkel avain anahtar "
                        "jeton".split())
# A random run (24 or more letters and digits, both) later in the sentence of a key, token or secret word: "the API
# key starts with nh_live_ and then 4c0b9e1d77a2f8834be6a1209cd3e57f"
_RANDOM_RUN = re.compile(r"(?<![\w/.@#-])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{24,200}(?![\w/@-]|\.\w)")
_KEY_WORD_ANY = re.compile(r"(?i)\b(?:api[ _-]?keys?|keys?|tokens?|secrets?|credentials?|apikey|bearer|"
                           r"schl[üu]ssel|cl[ée]s?|clave|chiave|chave|sleutel|klucz|nyckel|n[øo]gle|n[øo]kkel|jeton)\b")
# A secret in a configuration's or a log's syntax: a quoted key naming a secret, token, password or API key, ":" or
# "=", and a quoted value ('"api_secret":"shpss_41bf…"', "DB_PASSWORD='…'"); the key's other fields ("token_type",
# "next_page_token", "password_expires_at") are no secrets
_CONFIG_SECRET = re.compile(
    r"(?i)(?P<key>[\"']?[\w.-]*(?:secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|password|passwd|"
    r"pwd|passphrase|auth|[_.-]key)[\w.-]*[\"']?)[^\S\n]*[:=][^\S\n]*[\"'](?P<value>[^\"'\s]{8,200})[\"']")
_CONFIG_KEY_GATE = frozenset("secret token api apikey key password passwd pwd passphrase auth".split()) | \
    frozenset(word for word in ("api_secret", "api_key", "access_token", "auth_token", "client_secret", "secret_key",
                                "private_key", "access_key", "db_password"))
_CONFIG_NOT_SECRET_KEY = re.compile(r"(?i)(?:^[\"']?|[_.-])(?:type|url|uri|name|id|at|in|expires?|expiry|page|count|"
                                    r"length|hint|policy|required|reset|set|changed|enabled|endpoint|header|field)"
                                    r"(?:[_.-]|[\"']?$)")
# A password inside a link's user part: "mysql://shop_user:Rk29xxPq!a@db3.example.net:3306/shop"
_LINK_CREDENTIALS = re.compile(r"(?i)\b[a-z][a-z0-9+.-]{1,20}://[^\s:/@]{1,64}:(?P<value>[^\s/@]{3,128})@[\w.-]+")
_LINK_PASSWORD_PLACEHOLDERS = frozenset("password pass passwd pwd secret pw changeme user username".split())
# A wallet's recovery (seed) phrase quoted after its word, whatever the verb ('phrase starts "ocean liberty gravel
# pencil mango"'): four or more small words in quotes, with a wallet, seed or recovery word in the text
_SEED_PHRASE_QUOTED = re.compile(
    r"(?i)(?<![\w-])(?:(?:seed|recovery|secret|wallet|backup|mnemonic)\s+(?:phrase|words)|phrase|mnemonic|"
    r"seed)(?![\w-])[^\n.!?\"“‘]{0,30}?(?<![\w'’])(?P<value>\"[a-z]{3,10}(?: [a-z]{3,10}){3,23}\"|“[a-z]{3,10}(?: [a-z]{3,10}){3,23}”|"
    r"['‘][a-z]{3,10}(?: [a-z]{3,10}){3,23}['’])")
_SEED_GATE = frozenset("wallet seed recovery restore mnemonic crypto bitcoin metamask ledger".split())
# Recovery or backup codes given as a list ("new recovery codes for you: 8821-4430, 1907-5563", "recovery codes 8kq2-mm4p,
# 3jtt-x9fa"): the word (plural or not, in several languages), a few words, then one or more code-shaped values (letters
# and digits with a digit, in groups joined by dashes) apart by commas or "and"
_CODE_ITEM = (r"(?=[A-Za-z0-9-]*\d)(?:\d{3,5} \d{3,5}(?![\w-])|"
              r"(?=[A-Za-z0-9-]{6})[A-Za-z0-9]{3,10}(?:-[A-Za-z0-9]{3,10}){0,3})")
_RECOVERY_CODES = re.compile(
    r"(?i)(?<![\w-])(?:(?:recovery|backup|back-up|scratch|emergency|one-time)[ _-]?(?:codes?|keys?)|"
    r"wiederherstellungscodes?|backup-codes?|notfallcodes?|codes? de (?:récupération|secours)|"
    r"c[óo]digos? de (?:recuperaci[óo]n|respaldo|recupera[çc][ãa]o|backup)|codici di (?:recupero|backup)|"
    r"herstelcodes?|back-?upcodes?|kody? (?:zapasowe|odzyskiwania)|återställningskod(?:er)?|reservkod(?:er)?|"
    r"gendannelseskoder?|backupkoder?|gjenopprettingskoder?|palautuskoodi(?:t)?|varmuuskoodi(?:t)?|"
    r"kurtarma kodlar[ıi]|yedek kodlar[ıi]?|záložní kódy|obnovovací kódy)(?![\w-])"
    # (the list may follow the question it is asked in: "are these recovery codes enough? 4f7k-2m9p, 8qx3-7tnd"; or
    # a colon or not, one code a line: "new backup codes for you …:\n4821-7730\n9016-3358", "my recovery codes were\n…")
    # (or after one more short sentence that ends in a colon: "fresh backup codes for you. Each works only once:\n…")
    rf"(?:[^\n.!?]{{0,64}}?[.!?][^\S\n]+[^\n.!?:]{{0,40}}:[^\S\n]*\n[^\S\n]*|"
    rf"[^\n.!?]{{0,64}}?(?:[?!][^\S\n]+|:?[^\S\n]*\n[^\S\n]*)?)(?<![\w-])"
    rf"(?P<values>{_CODE_ITEM}(?:(?:\s*(?:,|;|and|&|/)\s*|[^\S\n]+|[^\S\n]*\n[^\S\n]*){_CODE_ITEM}){{0,11}})"
    r"(?![\w-])")
_CODE_ITEM_ANY = re.compile(_CODE_ITEM)
_ALNUM_CODE_GATE = frozenset("code codes abholcode ophaalcode upphämtningskod afhentningskode hentekode noutokoodi "
                             "odbioru recogida retirada recolha ritiro taquilla armadietto casier schließfachcode "
                             "schliessfachcode schließfach schliessfach kluiscode "
                             "digicode türcode turcode torcode portkod deurcode poortcode".split())
_RECOVERY_GATE = frozenset(
    "recovery backup scratch emergency one wiederherstellungscode wiederherstellungscodes notfallcode notfallcodes "
    "récupération recuperation secours recuperación respaldo recuperação recuperacao recupero herstelcode herstelcodes "
    "backupcode backupcodes zapasowe odzyskiwania återställningskod återställningskoder reservkod reservkoder "
    "gendannelseskode gendannelseskoder backupkode backupkoder gjenopprettingskode gjenopprettingskoder palautuskoodi "
    "palautuskoodit varmuuskoodi varmuuskoodit kurtarma yedek záložní obnovovací".split())
# A gift-card, voucher or redemption code: groups of capitals and digits ("KX7P-9QM2-LL4R-88TZ"), or one run of
# 10-20 of them, with a gift or voucher word in its sentence (privacy_cues.GIFT_WORDS)
_GIFT_CODE = re.compile(
    r"(?<![\w-])(?P<value>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])(?:[A-Z0-9]{2,6}(?:[- ][A-Z0-9]{3,6}){2,5}|"
    # (joined by dashes, a group may be of two: "SPA-88H2-4419-MW")
    r"[A-Z0-9]{2,6}(?:-[A-Z0-9]{2,6}){2,5}|[A-Z0-9]{10,20}))(?![\w-])")
# a flight's, train's or seat's number, not a code ("Flight 6E 2134 BLR-DEL delayed, no food voucher")
_JOURNEY_BEFORE = re.compile(r"(?i)\b(?:flight|flt|vuelo|vol|flug|voo|train|zug|tren|bus|coach|seat|gate|route)\s*:?\s*$")
# a percentage off in the code's sentences: a public promotion's code ("Gutscheincode X gilt … für 15 % auf alles")
_PERCENT_OFF = re.compile(r"\d\s?%")
# A voucher's, scratch card's or top-up's number in groups of digits right after its word ("top-up voucher: 4418 2290
# 1736 5521", "scratchcard code 4417-2209-8831-0047"): what is printed under the foil, worth money to whoever reads it
_VOUCHER_DIGITS = re.compile(
    r"(?i)(?<![\w-])(?:vouchers?|e-?vouchers?|scratch ?cards?|top-?up(?: card| voucher| code| pin)?|recharge (?:card|pin|code)|"
    r"prepaid (?:card|code|pin)|gift ?cards?|gutschein|bon d'achat|carte cadeau|tarjeta regalo|cup[óo]n)(?![\w-])"
    r"(?:[^\S\n]+(?:code|pin|number|no\.?|nr\.?|#))?[^\S\n]*(?:[:=]|is|was)?[^\S\n]*"
    r"(?P<value>\d{4}(?:[ -]\d{4}){2,4}(?:[ -]\d{1,4})?)(?![\w-]|[ -]\d)")
_GIFT_WORDS = re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.GIFT_WORDS)}(?![\w-])")
_GIFT_GATE_WORDS = cues.gate(cues.GIFT_WORDS)
_VOUCHER_GATE = frozenset("voucher vouchers evoucher scratchcard scratchcards scratch top topup recharge prepaid gift "
                          "giftcard giftcards gutschein achat cadeau regalo cupón cupon".split())
_PROMO_BEFORE = re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.PROMO_WORDS)}(?![\w-])(?:\s+code)?\s*:?\s*$")
# An app password as Google and Apple show it: four groups of four lower-case letters ("ruxq plmw ztka vneb")
# (a digit may stand in a group: "qkzr mxwd plhe 7bvt", as some mail providers show it; at most one group with digits)
_APP_PASSWORD = re.compile(r"(?<![\w-])[a-z]{4}(?:[ -][a-z]{4}){3}(?![\w-])")
_APP_PASSWORD_WITH_DIGIT = re.compile(r"(?<![\w-])[a-z0-9]{4}(?:[ -][a-z0-9]{4}){3}(?![\w-])")
_APP_PASSWORD_GATE = frozenset("app apps application device client apppassword app-passwort".split())
# A security question's answer: "… maiden name and the answer is Kowalczyk", "Sicherheitsfrage … Antwort ist Bello"
_APP_PASSWORD_WORDS = re.compile(r"(?i)\b(?:app|application|device|mail client|e-?mail client)[ -]?(?:specific\s+)?"
                                 r"passwords?\b|\bapp-?passwor[dt]\b")
_SECURITY_QUESTION = re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.SECURITY_QUESTION_WORDS)}(?![\w-])")
_SECURITY_ANSWER = re.compile(
    # (a cue ending in a letter ends a word: "answer isnt working" holds no "answer is")
    rf"(?i)(?:(?<![\w-]){cues.pattern(cues.ANSWER_IS)}(?:(?<![^\W\d_])|(?![^\W\d_]))|[\"”'’](?=\s+(?:is|was)\s)|"
    r"[\"”'’]\s*(?:→|->|=>)"
    # ("set the answer to your security question to 'Madras Cafe'": a quoted answer only)
    # (and "the answer we have on file for your security question is 'Kettering'")
    # (or what is on file, quoted: "for your security question 'first school' we have: 'st patricks mombasa'", "we set
    # the security answer on your profile to 'galle fort'")
    r"|\b(?:question|answer|profile|account)\s+(?:to|as|is)(?=\s+[\"'“‘])|\bwe\s+have\s*:(?=\s*[\"'“‘]))\s*(?:is\s+|was\s+|:\s*)?"
    r"(?P<value>\"[^\"\n]{1,40}\"|'(?:[^'\n]|(?<=\w)'(?=\w)){1,40}'|“[^”\n]{1,40}”|"
    # (a title's dot: "Mr. Whiskers")
    r"[^\W\d_][\w'’-]{1,30}(?:(?:(?<=\bMr)|(?<=\bMrs)|(?<=\bMs)|(?<=\bDr)|(?<=\bSt))\.)?(?:\s+(?-i:[A-Z])[\w'’-]{1,30})?)")
_SECURITY_GATE_WORDS = cues.gate(cues.SECURITY_QUESTION_WORDS)
_MEMORABLE_WORD_GIVEN = re.compile(
    r"(?i)\bmemorable\s+(?:word|phrase|answer)\b[^\n]{0,120}?\b(?:the\s+word\s+is|it['’]?s|it\s+is|which\s+is|:)"
    r"\s+[\"'“]?(?P<value>[^\W\d_]{4,30})(?![\w-])")
# What the writer put in, in Hinglish, the value before the verb: "maine 7391 daal diya", "mene 4412 dala"
_PUT_IN_HINGLISH = re.compile(
    r"(?i)\b(?:maine|mene|maine\s+to|humne)\s+(?P<value>\d{4,8})\s+(?:daal|dal|daala|dala|daali|dali|bata|bataya|"
    r"de|diya|enter)\w*\b")
_PUT_IN_HINGLISH_GATE = frozenset({"maine", "mene", "humne"})
# A code asked for at a line's end and given at the start of the next, alone or after a pasted chat's time and speaker
_CODE_ANSWERED_NEXT_LINE = re.compile(
    r"(?i)\b(?:codes?|pin|mpin|otp|passcode|password|passwort|mot\s+de\s+passe|contraseña|"
    r"clave|digicode|c[óo]digo|codice|kod|koden)\b[^\n?]{0,40}\?[^\S\n]*\r?\n[^\S\n]*" +
    _CHAT_TIME_AND_SPEAKER +
    r"(?P<value>(?=[A-Z0-9#*]*\d)[A-Z0-9]{3,10}#?)(?![\w-])")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")  # (the word right before a match, searched up to its start)
# A code of capitals and digits in four groups or more, and a recovery or backup key named after it
_RECOVERY_KEY_SHAPE = re.compile(
    r"(?<![\w-])(?P<value>(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{4,5}(?:-[A-Z0-9]{4,5}){3,7})(?![\w-])")
_RECOVERY_NAMED = re.compile(r"(?i)\b(?:recovery|backup)\s+(?:key|code|phrase)s?\b")
# The value, then which PIN it is, in Tagalog: "7702 yung MPIN ko", "1234 ang PIN ko"
_PIN_BEFORE_TAGALOG = re.compile(r"(?i)(?<![\w.,/:-])(?P<value>\d{4,6})\s+(?:yung|ang)\s+(?:m-?pin|pin)\s+(?:ko|mo|niya)\b")
# A UK mobile number's porting code (PAC: three letters and six digits) or its cancelling code (STAC: six digits and
# three letters), after its name: whoever holds it can move the number away ("your PAC is BKR 418 227")
_PORTING_CODE = re.compile(
    r"(?<![\w-])(?i:pac|stac|porting\s+(?:authori[sz]ation\s+)?code)(?![\w-])(?:[^\S\n]+(?i:code|number|no\.?))?"
    r"(?:[^\S\n]*\((?i:pac|stac)\))?"
    # (what it moves between: "PAC for your number is HKT 604 318")
    r"(?:[^\S\n]+(?i:for|of)[^\S\n]+(?i:your|my|the|this)[^\S\n]+(?i:number|mobile|phone|line|sim))?"
    # (or as other networks write one, capitals and digits in groups: "PAC code PK4-882Q", "(PAC) is GH-PRT 77Q4K1")
    r"[^\S\n]*(?:(?i:is|was|:|=)[^\S\n]*)?(?P<value>[A-Z]{3}[^\S\n]?\d{3}[^\S\n]?\d{3}|\d{6}[^\S\n]?[A-Z]{3}|"
    r"(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{2,8}(?:[- ][A-Z0-9]{2,6}){0,3})(?![\w-])")
# … and its names in other countries, with a code of capitals and digits ("Mein Wechselcode ist TX4-9918-PB",
# "overstapcode: 7KX-22-Q9")
_PORTING_CODE_ABROAD = re.compile(
    r"(?i)(?<![\w-])(?:wechselcode|portierungscode|portierungs-code|overstapcode|porteringskode|flyttkod|"
    r"c[óo]digo\s+de\s+portabilidad[e]?|codice\s+di\s+migrazione)(?![\w-])[^\S\n]*"
    r"(?:(?:ist|lautet|is|es|é|è|er|är|:)[^\S\n]*)?"
    # (capitals and digits, or digits alone in groups: "código de portabilidade 4417 8820")
    r"(?-i:(?P<value>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{2,8}(?:[- ][A-Z0-9]{2,6}){0,3}|"
    r"\d{3,4}(?:[- ]\d{3,4}){1,2}|(?!(?:19|20)\d\d(?!\d))\d{4,8}))(?![\w-])|"
    # (France's RIO: two digits, a letter, then nine letters and digits, "Mon code RIO est 07 P 4K8 912 Q3T")
    r"(?<![\w-])(?-i:RIO)(?![\w-])[^\S\n]*(?:(?i:est|c['’]est|:)[^\S\n]*)?"
    r"(?P<rio>\d{2} ?[A-Z] ?[A-Z0-9]{3} ?[A-Z0-9]{3} ?[A-Z0-9]{3})(?![\w-])")
_PORTING_GATE = frozenset({"pac", "stac", "porting", "rio", "wechselcode", "portierungscode", "portierungs", "overstapcode",
                           "porteringskode", "flyttkod", "portabilidad", "portabilidade", "migrazione"})
_QUOTED_QUESTION_ANSWER_IS = re.compile(
    r"(?i)\bquestion\s+(?:was|is)\s+[\"'“‘][^\"'”’\n]{3,60}[\"'”’]\s*(?:,\s*|\s+and\s+|;\s*)(?:the\s+)?answer\s+"
    r"(?:is|was|:)\s*[\"'“]?(?P<value>[^\s\"'”’,.;!?]{3,40})")
_QUESTION_THEN_ANSWER = re.compile(
    r"(?i)\b(?:maiden\s+name|first\s+pet(?:['’]s\s+name)?|pet['’]s\s+name|first\s+school|first\s+car|"
    r"childhood\s+(?:friend|street|nickname)|(?:city|town|place)\s+of\s+birth)(?P<quote>['’\"”])?,\s+"
    r"(?P<value>(?-i:[A-Z][\w'’-]{1,30})(?:\s+(?-i:[A-Z])[\w'’-]{1,30})?)(?=[,.;!?]|\s+(?:and|but|so)\b|\s*$)")
_QUESTION_THEN_ANSWER_GATE = frozenset("maiden pet school car childhood birth".split())
_QUOTED_ANSWER = re.compile(r"[\"“](?P<value>[^\"“”\n?]{2,40})[\"”]")
_QUESTION_WORDS = re.compile(r"(?i)(?:what|which|who|where|when|how|name of|your|my|the)\b")
_ANSWER_GATE_WORDS = cues.gate(cues.ANSWER_IS)
_PASSWORD_GATE_WORDS = frozenset(
    "password passwords passwort passwd passwrd pasword passowrd psswd pswrd pwrd pswd pwd pw p pword passcode pass "
    "passphrase contraseña contrasena mot mdp senha "
    "wachtwoord kennwort clave key login log logging logged sign signing tried attempts attempt creds credentials api "
    "token secret recovery backup codes seed "
    "security memorable maiden answer passphrase phrase bearer schlüssel schlussel clé cle "
    "chiave chave sleutel klucz nyckel nøgle nogle anahtarı anahtari jeton".split()) | cues.gate(cues.PASSWORD_WORDS) | \
    _SECURITY_GATE_WORDS
# What follows "the answer is" that is no answer ("the answer is no", "… is wrong")
_NOT_AN_ANSWER = frozenset("no yes wrong right correct incorrect not always never there here that this it them they all "
                           "both each every correctly properly honestly answer answers question questions now still set "
                           "saved updated changed".split())
# Endings of ordinary English words that follow "my password is …": states, not values.
_ORDINARY_WORD_ENDING = re.compile(r"(?i)(?:ed|ing|ly|able|ible|ful|less|ous|ive|ent|ant)$")
_PIN_TEMPLATE = (
    r"(?i)(?<![\w-])(?:WORDS)(?![\w-])(?:['’]s|\.(?=\s))?"
    # (whose or which card's, in one word: "PIN saya 123987", "pin bancomat 1290", "PIN karty 4410")
    r"(?:\s+(?:saya|aku|gue|kamu|bancomat|atm|sim|kartu|carta|tarjeta|karty|karta|kortet|kortin|debit))?"
    # (Tagalog: "PIN ng GCash ko 4719", the PIN of my GCash; "PIN ko")
    # ("yung MPIN ko na 270194", my MPIN, the one)
    r"(?:\s+ng\s+[^\W\d]\w{1,15}(?:\s+(?:ko|mo|niya|namin))?|\s+(?:ko|mo)(?:\s+na)?)?"
    # (Indonesian: "PIN agen KirimDana kakak sudah direset ke 261904", reset, changed or set to)
    r"(?:(?:\s+[^\W\d]\w*){0,3}?\s+(?:sudah\s+|telah\s+)?di(?:reset|ubah|ganti|atur)\s+(?:ke|menjadi|jadi))?"
    r"(?:\s+(?:on|for|of)\s+(?:the|my|your)\s+\w+|"
    # (what it opens, in the other languages: "PIN de la taquilla 3817", "PIN du casier", "PIN des Schließfachs")
    r"\s+(?:de\s+la|de\s+l['’]|del|de|du|des|der|della|dello|dell['’]|do|da|van\s+de|van\s+het)\s*[^\W\d]\w{2,})?"
    # ("pin for the app", not "NIP to 526-…": a number's first group is no word)
    r"(?:\s+(?:for|to)\s+(?:the\s+)?[^\W\d]\w*)?[\s:=#\-–,]*"
    # ("a temp PIN of 6093"; "your PIN has been reset to the default 0000": the account's PIN now, whoever knows it)
    rf"(?:(?:{cues.pattern(cues.SECRET_IS)}|are|as|of|just|only|(?:has been |was |is )?(?:re)?set to(?: (?:the )?default)?|"
    r"changed to)\s*:?\s*)*"
    # (the whole number: "NIP 526-104-08-28" is no PIN of "526-104-08"; "2 9 0 7" is one read out)
    # (or in pairs, as a locker's or a card's PIN is printed: "81 64")
    r"(?P<value>\d(?:-?\d){3,7}[#*]?|\d(?: \d){3,7}|\d{2} \d{2}(?: \d{2})?)(?![\w]|-\d| \d)")
_PIN = re.compile(_PIN_TEMPLATE.replace("WORDS", cues.pattern(cues.PIN_WORDS, ["en"])))
_PIN_ABROAD = re.compile(_PIN_TEMPLATE.replace("WORDS", cues.pattern(cues.PIN_WORDS, cues.abroad(cues.PIN_WORDS))))
_PIN_ABROAD_GATE = cues.gate(cues.PIN_WORDS, languages=cues.abroad(cues.PIN_WORDS))
_CVV = re.compile(
    r"(?i)(?:\b(?:cvv2?|cvc2?|cvn|csc|cid|security code|card code|c[óo]digo de seguridad|kartenpr[üu]fnummer|"
    r"pr[üu]fnummer|sicherheitscode|cryptogramme(?: visuel)?|code de s[ée]curit[ée]|c[óo]digo de seguran[çc]a|"
    r"codice di sicurezza|codice cvv|beveiligingscode|kod cvv|kod zabezpieczaj[ąa]cy|s[äa]kerhetskod|"
    r"kontrolnummer|kontrollsiffer|turvakoodi|g[üu]venlik kodu)\b|"
    # (in Japanese, Korean, Chinese and Arabic, inside a run of letters too: "セキュリティコード 813", "安全码是 813")
    r"セキュリティー?コード|보안\s?코드|安全码|安全碼|رمز الأمان|رمز الامان|"
    # (Arabic "the code (that is) on the back", glued to "and" too: "والرمز اللي ورا 517")
    r"(?:الرمز|الرقم|الأرقام|الارقام)\s(?:اللي\s|الي\s|الموجود\s)?(?:ورا|خلف|على\sظهر))"
    # (or on the next line, as a chat asks for it: "> Prüfnummer?\n093", "And the security code?\n[11:04] me: 771")
    # (digits glued to other letters are not it: "gift card code HOLA2024"; glued to the word itself they are, "CVV123")
    r"(?:[^\d\n]{0,40}?(?<![^\W\d_])|[^\d\n]{0,40}?\n[>\s]{0,3}" + _CHAT_TIME_AND_SPEAKER + r"|)"
    r"(?<!\d)(?P<value>\d{3,4}|\d(?:[ -]\d){2,3})(?![\w/]|[ -]\d)")
# A one-time code in two fours, as some apps send it ("engångskod 7731 0048"), not two years ("2024 2025")
_CODE_IN_FOURS = r"(?!(?:19|20)\d\d (?:19|20)\d\d)\d{4} \d{4}(?! ?\d)"
_OTP = re.compile(
    # ("tac": a Malaysian bank's transaction authorisation code)
    r"(?i)\b(?P<word>otp|(?<!tic )tac|one[- ]time(?:\s+(?:code|password|passcode|pin))?|2fa|mfa|two[- ]factor|2[- ]step|"
    r"verification|verify|authenticat(?:ion|or)|auth|sms|text(?:ed)?|login|log-?in|sign[- ]?in|access|reset\s+code|"
    r"c[óo]digo de verificaci[óo]n|best[äa]tigungscode|code de v[ée]rification)\b"
    # (or in four pairs joined by dashes, as activation codes are printed: "58-24-91-77"; or in two fours)
    # (its length may come between: "otp came 6 digits 847120")
    rf"[^\d\n]{{0,30}}?(?:\b\d[ -]?digits?\b[^\d\n]{{0,12}}?)?(?<![\d./-])"
    # (or in three pairs, as some codes are read out: "reset code 41-77-09", "one-time code … is 30-66-18")
    rf"(?P<value>{_CODE_DIGITS}|\d{{2}}(?:-\d{{2}}){{2,3}}(?!-?\d)|{_CODE_IN_FOURS})"
    r"(?![\w/]|[.,:-]\d)")
_CODE = re.compile(r"(?i)\b(?P<before>\w+)?\s*\bcode\b[^\d\n]{0,20}?(?<![\d./-])"
                   rf"(?P<value>{_CODE_DIGITS})(?![\w/]|[.,:-]\d)")
_CODE_GATE = frozenset({"code"})  # (for _may_match)
# "Steam Guard code 7QX4B": a code of capitals and digits after a code word
_ALNUM_CODE = re.compile(
    r"(?i)\b(?:(?:guard|verification|security|login|sign-?in|one[- ]time|otp|2fa|auth|access|backup|"
    # a parcel locker's or a pick-up point's code opens it ("collection code 4NT8K2", "Abholcode 7KQ2M")
    r"recovery|collection|pick-?up|locker|unlock|release|retrieval|"
    # a code that links a TV or a device to the account ("the app gave me tv code KQ7-2MX")
    r"tv|device|activation|pairing|linking)\s+codes?|"
    r"abholcode|abhol-code|code de retrait|c[óo]digo de (?:recogida|retirada|recolha)|codice di ritiro|"
    # (a locker's, in the other languages: "el código de la taquilla es 7Q4 K90")
    r"c[óo]digo de (?:la )?taquilla|codice (?:dell['’]|del )?armadietto|code (?:du )?casier|schlie(?:ß|ss)fach-?code|"
    r"kluiscode|"
    r"ophaalcode|kod (?:do )?odbioru|upph[äa]mtningskod|afhentningskode|hentekode|noutokoodi|"
    # an access code in the other languages ("votre nouveau code d'accès client est 2219-KTR")
    r"code d['’]acc[èe]s|c[óo]digo de acce(?:so|sso)|codice di accesso|zugangscode|toegangscode|"
    # a door's or gate's keypad code of letters and digits ("le digicode envoyé 7A4219", "Torcode 4B7719")
    r"digicode|door\s+code|gate\s+code|keypad\s+code|t[üu]rcode|torcode|portkod|deurcode|poortcode|"
    # (or what would not open with it: "locker won't open with my code 4T8-M2K")
    r"(?:locker|lockbox|door|gate)\s+(?:won['’]?t|wont|doesn['’]?t|didn['’]?t|will\s+not|does\s+not|did\s+not)\s+"
    r"open\s+with\s+(?:my|the|your|this)\s+code|"
    # ("le code de la résidence c'est 4B728")
    r"code\s+(?:de\s+la\s+(?:résidence|residence|porte)|de\s+l['’]immeuble|du\s+(?:portail|bâtiment|batiment)|"
    r"d['’]entrée))\b\s*"
    # (a word may say how it came: "digicode envoyé 7A4219", "door code sent 4K7Q2"; or a few, what it opens, before
    # "is the": "votre digicode provisoire pour le local vélos est le 4B731")
    r"(?:(?P<between>(?-i:[a-zà-ÿ]{3,12}))\s+|(?:(?-i:[a-zà-ÿ'’]{2,12})\s+){1,5}?(?=(?:est\s+l[ea]|es\s+el|"
    r"is\s+the|è\s+il|ist\s+der)\s)|"
    # (or a few words before a colon: "a one-time login code for you manually: Q7M-4KD-29P")
    r"(?:(?-i:[a-zà-ÿ'’]{2,12})\s+){1,3}?(?=(?-i:[a-zà-ÿ'’]{2,12}):))?(?:(?-i:[a-zà-ÿ'’]{2,12})(?=:))?(?:est\s+l[ea]|es\s+el|is\s+the|è\s+il|ist\s+der|"
    r"is|was|are|ist|c['’]est|c|est|es|è|é|to|är|er|on|:)?\s*"
    # (four alone, "le digicode 4B72"; not the first group of several, "9MK2 TQ41 W7PD", read below)
    r"(?-i:(?P<value>(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])(?:[A-Z0-9]{5,8}|[A-Z0-9]{4}(?! ?[A-Z0-9])|[A-Z0-9]{2,4}(?:-[A-Z0-9]{2,4}){1,3})|"
    # (or in two threes or in twos apart by a space, letters and digits: "H7K 2QW", "48 Z7 91")
    r"(?=[A-Z0-9 ]*\d)(?=[A-Z0-9 ]*[A-Z])(?:[A-Z0-9]{3} [A-Z0-9]{3}|[A-Z0-9]{2}(?: [A-Z0-9]{2}){2,3})(?! ?[A-Z0-9])|"
    # (or in fours apart by a space, the first with a digit: "7KQ4 2291")
    r"(?=[A-Z]*\d)(?=[A-Z0-9 ]*[A-Z])[A-Z0-9]{4}(?: [A-Z0-9]{4}){1,2}(?! ?[A-Z0-9]{4}\b)|"
    # (or digits in a four and a two, as parcel lockers print them: "Abholcode: 4827 19", "Noutokoodi: 5501 82"; no year)
    r"(?!(?:19|20)\d\d )\d{4} \d{2}(?! ?\d)))"
    r"(?![\w-])")
# A pick-up code named, then what it is for in a few words, "is" in its language or ":", and a code of capitals and
# digits ("kod do odbioru zamówienia w centrum ogrodniczym: 8B4K-29", "Ihr Abholcode für die Weihnachtsbäume lautet
# GB-44K9", "the collection code for your click & collect order is 7KQ-22M"): whoever reads it takes the goods
_PICKUP_CODE_FOR = re.compile(
    # (and a ticket's transfer or claim code: "the transfer code for my floor ticket is TRF-8KQ2-M7XW")
    r"(?i)(?<![\w-])(?:(?:collection|pick-?up|transfer|claim)\s+codes?|abholcode|abhol-code|code de retrait|"
    r"c[óo]digo de (?:recogida|retirada|recolha)|codice di ritiro|ophaalcode|kod (?:do )?odbioru|"
    r"upph[äa]mtningskod|afhentningskode|hentekode|noutokoodi)(?![\w-])"
    r"(?:[^\S\n]+[^\s.!?:;,()]{1,24}){1,6}?[^\S\n]*"
    rf"(?:(?<![\w-]){cues.pattern(cues.SECRET_IS)}(?![\w-])[^\S\n]*:?|:)[^\S\n]*[\"'«“‘]?"
    r"(?-i:(?P<value>(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])(?:[A-Z0-9]{5,8}|[A-Z0-9]{1,4}(?:-[A-Z0-9]{2,4}){1,3})))"
    r"(?![\w-])")
# The three digits after a card's expiry date: its security code ("exp 10/28 code 552", "4444 / 11/27 / 321")
_EXPIRY_THEN_CODE = re.compile(
    # (a month and year, not the end of a whole date: "dob 9/30/1948, 1127 W Pine St" gives no card's code)
    r"(?i)\b(?:exp(?:iry|ires|iration)?\.?:?\s*)?(?<![\d/.])\d{1,2}\s?/\s?\d{2,4}(?!/\d)\s*(?:/|,|;|-)?\s*(?:and\s+)?"
    r"(?:(?:cvv2?|cvc2?|csc|(?:back\s+|card\s+)?code|sec(?:urity)? (?:code|number|no\.?))\s*:?\s*)?(?<![\d/])"
    r"(?P<value>\d{3,4})(?![\d/])")
# A card's security code named by where it is printed or how long it is, with a card number in the text ("3 digit
# code on the back is 118", "the code on the back 612", "Prüfziffer 905", "el código de atrás 772", "les 3 chiffres
# au dos : 418"): up to 25 characters without digits between the name and three or four digits
# (The place alone names it with no card number in the text: group "place". Not the back of something else: "the
# numbers on the back of the receipt"; nor digits glued to letters: "model number on the back says RX4400".)
_CARD_BACK_CODE = re.compile(
    r"(?i)(?<![\w-])(?:"
    r"(?P<place>(?:(?:\d|three|four)[ -]?digits?(?:[ -](?:security[ -])?(?:code|number))?|code|digits|numbers?)"
    r"\s+(?:on|at|from)\s+(?:the\s+)?back"
    r"(?!\s+of\s+(?:the|my|your|this|a)\s+(?!(?:\w+\s+)?card\b))|back\s+of\s+(?:the|my)\s+card|"
    r"c[óo]digo\s+(?:de\s+|del\s+|do\s+)?(?:atr[áa]s|detr[áa]s|reverso|tr[áa]s|verso)|"
    r"(?:code|(?:\d|trois)\s+chiffres|chiffres)\s+(?:au|du)\s+dos|(?:codice|cifre)\s+(?:sul|del)\s+retro|"
    r"(?:code|cijfers)\s+(?:op|aan)\s+de\s+achterkant|(?:code|nummer|ziffern|zahlen)\s+(?:auf|von)\s+der\s+"
    r"r[üu]ckseite|kod\s+z\s+ty[łl]u)|"
    # (beside a card's number only: "…, back 3 are 612", "the 3 on the back are 612")
    r"back\s+(?:3|4|three|four)(?:\s+digits)?(?=\s+(?:are|is|were|was|:))|(?:3|4|three|four)\s+on\s+(?:the\s+)?back|"
    # (an Amex's code, on its front: "the four on the front are 7731")
    r"(?:4|four)(?:\s+digits)?\s+on\s+(?:the\s+)?front|"
    r"(?:\d|three|four|drei|vier|trois|tres|tre|tr[êe]s)[ -]?(?:digits?|stellige?n?|chiffres|"
    r"d[íi]gitos|cifre)(?:[ -](?:security[ -])?(?:code|number|nummer|zahl))?|"
    r"(?:karten)?pr[üu]fziffern?|pr[üu]fzahl)"
    r"(?![\w-])[^\d\n]{0,25}?(?<![\w/£$€])(?P<value>\d{3,4})(?![\w/]|[.,]\d| \d)")
# … and its digits before where it is printed: "5170 5508 6670 0674 exp 09/28 and the 412 on the back"
_CODE_THEN_BACK = re.compile(
    r"(?i)(?<![\w/.,-])(?P<value>\d{3,4})\s+(?:(?:is|are)\s+)?(?:on|at|from)\s+(?:the\s+)?back(?![\w-])"
    r"(?!\s+of\s+(?:the|my|your|this|a)\s+(?!(?:\w+\s+)?card\b))")
_CARD_BACK_GATE = frozenset("back atrás atras detrás detras reverso tras verso dos retro achterkant rückseite ruckseite "
                            "tyłu tylu".split())
# A card's security code given right after its number, joined by "and", a comma, "+" or "/" ("its 4485 2210 7793 5565
# and 708"), with the code named anywhere in the text (_CARD_CODE_NAMED: "the 3 digits on back", "cvv")
_CARD_THEN_CODE = re.compile(
    r"(?<![\d-])\d{4}(?:[ -]?\d{4}){3}[^\S\n]*(?:,|and|&|\+|/|y|et|und|e|i|en|och|og)[^\S\n]*"
    r"(?P<value>\d{3,4})(?![\w/]|[.,]\d| ?\d)")
# (and in the other languages: "Karte endet auf 4821", "se termine par", "termina en", "eindigend op", "finisce con")
_LAST_DIGITS_BEFORE = re.compile(r"(?i)\b(?:last|ending|final|ends?\s+(?:in|with)|endet\s+auf|endend\s+auf|endziffern|"
                                 r"se\s+termine\s+par|terminant\s+par|termina(?:da|do)?\s+en|eindig(?:t|end)\s+op|"
                                 r"finisce\s+con|terminante\s+con|termina\s+com|terminado\s+em|slutar\s+på)\b")
_ASKED_IF_ORGANISATION_AFTER = re.compile(r"(?i)\s+(?:actually|really|genuinely|truly)\s+(?:@\w+|you\b|yours\b|your\b)")
_LAST_DIGITS_RIGHT_BEFORE = re.compile(_LAST_DIGITS_BEFORE.pattern + r"[\s:]*$")
_CARD_CODE_NAMED = re.compile(
    r"(?i)\b(?:cvv2?|cvc2?|cvn|csc|security code|card code|(?:\d|three|four)[ -]?digits?(?: code)?\s+(?:on|at|from)\s+"
    r"(?:the\s+)?back|(?:code|digits|numbers?)\s+(?:on|at|from)\s+(?:the\s+)?back|back of (?:the|my) card|"
    r"c[óo]digo de seguridad|pr[üu]fziffer|cryptogramme)\b")
# A domain's transfer (EPP, auth-info) code: its name, a few words ("(EPP) code for felixroth.design", "de votre nom
# de domaine …"), "is" in its language or ":", and a made-up value; a payment's "auth code" on a receipt is none, so
# the plain names want a domain or registrar word in the text (_TRANSFER_DOMAIN_WORDS)
_TRANSFER_CODE = re.compile(
    r"(?i)(?<![\w-])(?:epp(?:[ -](?:code|key|password))?|auth[ -]?info(?:[ -]code)?|auth[ -]?code|"
    r"(?:transfer\s+)?authori[sz]ation(?:\s+(?:code|key))?|transfer[ -]?(?:code|key|secret|password)|"
    r"codes?\s+(?:de\s+transfert|d['’]autorisation|auth)|c[óo]digo\s+(?:de\s+)?(?:transferencia|autorizaci[óo]n|"
    r"transfer[êe]ncia|autoriza[çc][ãa]o)|codice\s+(?:di\s+)?(?:trasferimento|autorizzazione)|"
    r"autorisierungscode|transfercode|verhuiscode|kod\s+(?:authinfo|transferu|autoryzacyjny))(?![\w-])"
    r"(?P<between>(?:[^\n.!?]|\.(?=\S)){0,80}?)"
    r"(?:[^\S\n]*[:=][^\S\n]*|[^\S\n]+(?:is|was|est|es|ist|lautet|è|é|is|jest|to|är|er)[^\S\n]*:?[^\S\n]*)"
    r"[\"'«“‘]?(?P<value>[^\s\"'«»“”‘’,;()]{6,64})")
_TRANSFER_GATE = frozenset("epp authinfo auth authcode authorisation authorization transfer transfert autorisation "
                           "transferencia autorización autorizacion transferência transferencia autorização "
                           "trasferimento autorizzazione autorisierungscode transfercode verhuiscode transferu "
                           "autoryzacyjny".split())
_TRANSFER_DOMAIN_WORDS = frozenset("domain domains registrar registrars domaine domaines registraire dominio dominios "
                                   "domínio domínios domein domeinnaam domäne domain-transfer domena domeny "
                                   "epp authinfo".split())
# Codes said digit by digit or referred back to ("the voice call read out 6 4 9 9 1 2", "the alarm code …, it's
# 1-9-7-3", "we've reset your PIN. The new one is 905512"): a code word in the same or the previous sentence
_CODE_CUE = re.compile(
    r"(?i)\b(?:(?P<before>\w+)\s+)?(?:codes?|pin|pins|pin number|puk|puk code|otp|passcode|passcodes|verification|verify|verified|"
    r"2fa|mfa|one[- ](?:time|off)|alarm|disarm|read (?:it |them )?out|read(?=\s+\d\d?[ -]\d)|code pin|c[óo]digo|pin-?code|geheimzahl|keypad|lockbox|"
    r"codice|kod|kode|koden|koodi|k[óo]d|"
    # (a bank's changing code, "la clave dinámica"; a Swedish door's, "portkoden")
    r"clave\s+din[áa]mica|(?:port|dörr|ytterdörrs)kod(?:en)?|"
    # a lock set to a number ("the room safe … reset it to 2468", "a combination lock; we set it to 2-7-4-1")
    r"combination|combo|padlock|(?:room|hotel|wall|in-room|the|a|your|my)\s+safe|"
    r"(?:sent|texted|gave|sends|send)\s+(?:me|us|you)\s+(?:a\s+|the\s+)?(?:\d|four|six|eight)[- ]digits?)\b")
_CODE_CUE_WORDS = frozenset(
    "code codes pin pins puk otp passcode passcodes verification verify verified fa mfa one time alarm disarm read "
    "código "
    "codigo pincode geheimzahl digits digit keypad lockbox codice kod kode koden koodi kód combination combo padlock "
    "safe dinámica dinamica portkod portkoden dörrkod dörrkoden ytterdörrskod ytterdörrskoden".split())
# (a dash between groups may have spaces round it, "6 0 4 - 1 1 9"; one capital may be among the digits, as a
# digicode's is, "3 B 7 2 9")
_DIGITS_READ_OUT = re.compile(r"(?<![\w.,/:-])\d(?:(?:[ \-]| - |, )[\dA-Z]){3,7}(?![\w/]|[.,:-]?\d|[ \-]\d)")
# A code in the groups a code is read out in, three pairs or two threes ("82 71 09", "447 219"), with no digit group
# before or after (a phone number's groups go on), no currency after ("100 000 €"), no round thousands ("250 000
# visitors", "120 500") and no time word right before ("at 10 30 00")
# (the pattern starts with a digit, what comes before is looked at from there: the search skips to digits)
_DIGITS_IN_GROUPS = re.compile(
    r"\d(?<![\w.,/:+-]\d)(?<!\d[ -]\d)(?<!\bat \d)(?<!\bum \d)(?<!\bà \d)(?<!\balle \d)(?<!\blas \d)"
    r"(?:\d \d{2} \d{2}|\d{2} \d(?!00)\d\d)(?![\w/]|[.,:-]?\d|[ \-]\d|\s?[€$£%])")
_CODE_REFERRED = re.compile(
    r"(?i)\b(?:it['’]?s|it is|that['’]s|which is|the (?:new|old|current|temporary|temp|right|correct|last|latest|"
    r"previous) (?:one|code|pin|number) (?:is|was)|(?:new|temporary|temp) (?:one|code|pin)\s*:|use|enter|"
    # "the code they gave me on the phone was 742918"
    r"(?:code|pin|passcode|otp)\b[^\d\n.!?]{0,40}?\b(?:is|was|were|are)|(?:code|pin|passcode|otp)\s+\w+\s+(?:me|us)|"
    # "… enter PUK. They texted me 48207715": a code named, then sent or given
    r"(?:sent|texted|gave|emailed|messaged|told|read)\s+(?:me|us|you|him|her|them)(?:\s+(?:a|the|this|my|your|new|"
    r"another))?|"
    # a code read off the thing it came with ("needs a pairing code, the box says 117903", "the label reads 4471")
    r"(?:(?:the|a|its|my|on\s+the)\s+(?:[\w-]+\s+)?(?:box|label|sticker|screen|display|card|device|packaging|leaflet|"
    r"letter|tag|manual|back|bottom|base|unit|lid)|it)\s+(?:says|said|reads|read|shows|showed|displays|displayed)|"
    # "i set it to 7719", "changed it to …"; and "it is" in the other languages ("el PIN es incorrecto, y es 7305",
    # "c'est 4471", "das ist 9931", "det är 5512")
    r"(?:re)?set\s+(?:it|them)\s+(?:back\s+)?to|changed\s+(?:it|them)\s+to|"
    # a code typed in ("… the 4 digit pin i set …, typed 3391 like always"), a place that opens with it ("the overflow
    # lot opens with code 2207")
    r"(?:typed|entered|keyed\s+in|punched\s+in|put\s+in|tried)(?:\s+(?:in|it|again))?|"
    r"(?:opens?|opened|unlocks?|unlocked)\s+with\s+(?:the\s+)?(?:code|pin|combination|combo)|"
    # a code asked for and said ("asked for my delivery code …, I said 5512"); the right one in the other languages
    # ("me enganei no PIN, o certo é 5038", "el correcto es …", "le bon c'est …", "der richtige ist …")
    r"(?:i|we)\s+said|(?:o|a)\s+(?:cert[oa]|corret[oa]|verdadeir[oa])\s+(?:é|era)|"
    r"(?:el|la)\s+(?:correct[oa]|buen[oa]|verdader[oa])\s+(?:es|era)|(?:le|la)\s+bon(?:ne)?\s+(?:est|c['’]est|était)|"
    # ("el PIN era el bueno, 2604")
    r"(?:es|era|fue)\s+(?:el|la)\s+(?:buen[oa]|correct[oa])\s*,|"
    r"(?:il|quello)\s+(?:giusto|corretto)\s+(?:è|era)|(?:der|die|das)\s+richtige\s+(?:ist|war)|"
    r"de\s+(?:juiste|goede)\s+is|"
    r"(?:y|e|et|und|en|i|och|og|a)\s+(?:es|è|é|est|ist|is|jest|to|är|er|je)|c['’]est|(?:das|es)\s+ist|"
    r"det\s+(?:är|er)|to\s+jest|den\s+(?:är|var|er))\s*:?\s*"
    # (or a long code in dashed fours, a scratch card's or a ticket's: "It's 2840-1177-6392-05")
    # (or a backup code in two dashed fours: "is it safe to use 8372-1094")
    rf"(?P<value>{_CODE_DIGITS}|\d(?:-\d){{3,7}}|[1-9]\d{{3}}(?:-\d{{4}}){{2,3}}(?:-\d{{2}})?|\d{{4}}-\d{{4}}(?!-\d))"
    r"(?![\w/]|[.,:-]\d)")
# What one believes or doubts a code was: "credo fosse 71904", "creo que era 4471", "no me acuerdo si es 4092",
# "je crois que c'était 5512", "ich glaube, es war 8830", "I think it was 3391", "not sure if it's 7720" (a pattern of
# its own, looked for only in a text holding one of _CODE_BELIEVED_GATE)
_CODE_BELIEVED = re.compile(
    r"(?i)\b(?:(?:credo|penso|creo|pienso|acho|je\s+crois|je\s+pense|ich\s+glaube|ich\s+denke|denke|glaube|think|"
    r"believe|guess|sure),?(?:\s*(?:che|que|qu['’]|dass))?\s+(?:fosse|fuera|fuese|sia|era|es|foi|seja|"
    r"c['’]était|c['’]est|es\s+war|es\s+ist|sie\s+war|er\s+war|war|it\s+was|it\s+is|it['’]s)|"
    r"(?:si|se|ob|whether|if)\s+(?:es|era|è|fosse|é|c['’]est|c['’]était|es\s+ist|es\s+war|it['’]s|it\s+is|it\s+was))"
    rf"\s*:?\s*(?P<value>{_CODE_DIGITS}|\d(?:-\d){{3,7}})(?![\w/]|[.,:-]\d)")
_CODE_BELIEVED_GATE = frozenset(
    "credo penso creo pienso acho crois pense glaube denke think believe guess sure si se ob whether if".split())
# A lock's code: in a sentence naming a key safe, lockbox, smart lock, barrier or gate (privacy_cues.LOCK_WORDS), a
# code or combination word, a few words ("for your cleaner on the smart lock", "da cacifo n.º 14"), then ":", "is",
# a comma or a dash and its digits ("…, code 6152", "combo 0 - 7 - 3 - 1", "… is 3381#", "il codice 40-19-22")
_LOCK_CODE = re.compile(
    r"(?i)(?<![\w-])(?:(?P<before>[^\W\d_]+)\s+)?(?P<word>codes?|combo|combination|codice|c[óo]digo|kod|chave de acesso|"
    r"combinazione|combinaci[óo]n|combinaison|kombination|combinatie|kombinacja|kombinasjon|kombinaatio|"
    r"clave de acceso|code d['’]acc[èe]s|codice di accesso|access code|entry code)(?![\w-])"
    r"(?P<between>(?:[^\n.!?]|\.(?=\S)){0,60}?)"
    r"(?:[^\S\n]*[:—–][^\S\n]*|[^\S\n]+(?:is|was|are|è|é|es|est|ist|will be|sarà|será)[^\S\n]+|,[^\S\n]*|"
    r"[^\S\n]+)"
    # (or after a hash, "#4471 then the bell icon", or read out digit by digit, "combinazione 5 8 2 0")
    r"(?P<value>#?\d(?:[^\S\n]?[-–][^\S\n]?\d{1,4}|[#*]?\d){3,7}[#*]?|\d(?:[^\S\n]\d){3,7})"
    r"(?![\w/]|[.,:-]\d|[^\S\n][-–]?[^\S\n]?\d)")
# A lock only a code opens, named in a sentence, and its digits given as what "it's" or as what it was set to or
# punched in ("the new key safe is on the left of the front door and it's 2580", "set the lock to 5517", "goes to
# keypad after 11pm — punch in 4471#")
_CODE_ONLY_LOCK = re.compile(
    r"(?i)(?<![\w-])(?:key ?safes?|key ?box|lock ?box(?:es)?|padlocks?|combination locks?|smart locks?|keypads?|"
    r"digicodes?)(?![\w-])")
_LOCK_VALUE = re.compile(
    # (or what it was set to, or is now, said of it: "… it's set to 884964", "c'est maintenant 9902")
    r"(?i)(?<![\w-])(?:(?P<now>(?:it['’]?s|it\s+is)\s+(?:now\s+)?set\s+to|(?:it['’]?s|it\s+is)\s+now|"
    r"c['’]est\s+(?:maintenant|désormais))|"
    # (a word may say which lock: "I set the kids lock to 5050")
    r"(?:and\s+)?it['’]?s|it\s+is|(?:set|changed|reset)\s+(?:the|my|its|your|our)\s+(?:[\w-]+\s+)?"
    r"(?:lock|padlock|combination|combo|keypad|lockbox|lock box|key ?safe|dials?)\s+to|"
    r"(?:punch|key|tap|type)\s+in|enter)[^\S\n]+(?P<value>#?\d{3,8}#?)(?![\w/]|[.,:-]\d)")
# a parcel locker is a lock, not a parcel's reference: "the code for the parcel locker on Grafton St: 552019"
_PARCEL_LOCKER = re.compile(r"(?i)\bparcel\s+(?:locker|box)(?:es|s)?\b")
_GETS_YOU_IN = re.compile(r"(?i)(?<![\w#-])(?P<value>#?\d{3,8}#?)\s+(?:gets|will\s+get|lets|will\s+let|should\s+get)\s+"
                         r"(?:you|u|them|him|her|the\s+driver|the\s+courier)\s+in\b|"
                         # (or what it opens with: "your gym locker 214 … now opens with 3391")
                         r"\bopens\s+with\s+(?P<opener>#?\d{3,8}#?)(?![\w/]|[.,:-]\d)")
# a value after "on" or "for" that ends a question: the thing asked about ("… the wifi password on DK-R6?")
_DEVICE_ASKED_ABOUT = re.compile(r"(?i)\b(?:on|for)\s+[^\s?]+\?")
_LOCK_CODE_NAMED = re.compile(r"(?i)(?<![\w-])(?:(?:keypad|lock|lockbox|padlock|door|gate|locker|safe|alarm)s?\b[^.!?\n]{0,40}"
                              r"\b(?:code|combination|pin)|(?:code|combination|pin)\b[^.!?\n]{0,30}"
                              r"\b(?:keypad|lock|lockbox|padlock|door|gate|locker|safe|alarm|casier|portail|porte|digicode))")
_LOCK_VALUE_GATE = frozenset("safe safes keysafe keysafes box lockbox lockboxes padlock padlocks lock locks keypad "
                             "keypads digicode digicodes door doors entrance gate lobby combination combo dial "
                             "dials casier portail porte locker".split())
_PUNCHED_LOCK_WORDS = re.compile(r"(?i)(?<![\w-])(?:keypad|door|doors|entrance|gate|lobby|lock|padlock|locker)(?![\w-])")
# A key's code, a letter or two and digits, with a key or lock named between its word and it ("the code for your
# locking wheel nut key is R-52", "le code de la clé antivol est B-47"): what a replacement key is ordered by
_KEY_CODE = re.compile(
    r"(?i)(?<![\w-])(?:[^\W\d_]+\s+)?(?:codes?|c[óo]digo|codice|kod)(?![\w-])"
    r"(?P<between>[^\n.!?]{0,40}?(?<![\w-])(?:keys?|lock\w*|schlüssel\w*|clés?|cl[ée]f|llaves?|chiave|chave|sleutel\w*|"
    r"nyckel\w*|nøgle\w*|nøkkel\w*|kluczyk\w*)(?![\w-])[^\n.!?]{0,25}?)"
    r"(?:\s*[:—–]\s*|\s+(?:is|was|ist|est|es|è|é|är|er|to)\s+)"
    r"(?-i:(?P<value>[A-Z]{1,2}[-–]?\d{2,3}))(?![\w-]|[.,]\d)")
_KEY_CODE_GATE = frozenset("key keys lock locks locking schlüssel clé clef llave llaves chiave chave sleutel nyckel "
                           "nøgle nøkkel kluczyk kluczyka".split())
_LOCK_WORDS = re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.LOCK_WORDS)}(?![\w-])")
_LOCK_GATE = cues.gate(cues.LOCK_WORDS)
_LOCK_CODE_GATE = frozenset("code codes combo combination codice código codigo kod chave clave accès acces "
                            "accesso combinazione combinación combinacion combinaison kombination combinatie kombinacja "
                            "kombinasjon kombinaatio".split())
# A code of letters and digits referred back to a code or key word in its sentence or the one before ("… wants a check
# code. it's x7kHp2mQ", "le code wifi c'est "Xf9k2mP7qR"", "backup code … first one is 4HQ7-2KXN-98TP", "enter code
# W7H2K9"), or in three or more groups of four or five ("Code: K7TQ-4M2X-9PZR-WH83", "the key doesn't work:
# X4TQ-9HMW-2BRP-K71Z") with such a word near: a made-up value, two digits and two letters at least
_MIXED_CODE = re.compile(
    r"(?<![\w/@.:#-])[\"“']?(?P<value>(?=[A-Za-z0-9-]*\d[A-Za-z-]*\d)(?=[A-Za-z0-9-]*[A-Za-z][0-9-]*[A-Za-z])"
    r"(?:(?P<grouped>[A-Za-z0-9]{4,5}(?:-[A-Za-z0-9]{4,5}){2,5})|(?=(?:[A-Za-z0-9]-?){5})[A-Za-z0-9]{2,16}"
    r"(?:-[A-Za-z0-9]{2,6}){0,3})|"
    # (capitals and digits in fours apart by spaces: "7K4P 2WXN")
    r"(?=[A-Z0-9 ]*\d[A-Z ]*\d)(?=[A-Z0-9 ]*[A-Z][0-9 ]*[A-Z])[A-Z0-9]{4}(?: [A-Z0-9]{4}){1,3}(?! ?[A-Za-z0-9]))"
    r"[\"”']?(?![\w@/-]|[.,]\w)")
_MIXED_CODE_LEAD = re.compile(
    r"(?i)(?:\b(?:it['’]?s|it is|c['’]est|that['’]s|(?:the\s+)?(?:first|second|last|next|new)\s+one\s+(?:is|was)|"
    r"(?:enter|type|input)\s+(?:the\s+|this\s+)?code|(?:read|give|show|tell)\s+(?:out\s+)?(?:the\s+|this\s+|your\s+)?"
    r"code|llegado|lleg[óo]|recibido|recib[íi]|re[çc]u|erhalten|"
    r"bekommen|ricevuto|recebi|recebido|(?:codes?|keys?|codice|c[óo]digo)\b[^\n.!?:]{0,50}?\s:|(?:codes?|keys?|pin|pac)\b[^\n.!?]{0,40}?\b(?:is|was|are))\s*:?|"
    r"\b(?:code|key|codice|c[óo]digo|clé|schlüssel)\s*:)\s*[\"“']?$")
_MIXED_CODE_CUE = re.compile(
    r"(?i)\b(?:(?P<before>[^\W\d_]+)\s+)?(?:codes?|keys?|pin|passcode|otp|pac|codice|c[óo]digo|clé|schlüssel)\b")
_LETTER_BY_DIGIT = re.compile(r"[A-Za-z]-?\d|\d-?[A-Za-z]")
# A code word right before a value; a turn between letters and digits ("HF72QP0X" has four, a promotion's "SAVE20"
# one); words of getting into an account, near
_CODE_RIGHT_BEFORE = re.compile(r"(?i)\bcode:?\s*[\"“']?$")
_LETTER_DIGIT_TURN = re.compile(r"[A-Za-z](?=\d)|\d(?=[A-Za-z])")
_ACCOUNT_ACCESS_NEAR = re.compile(
    r"(?i)\b(?:reset|verify|verification|sign[- ]?in|log[- ]?in|login|recover|recovery|unlock|two[- ]factor|2fa|"
    r"one[- ]time|within \d+ (?:hours?|minutes?|mins?)|expires? in)\b")
_MIXED_CODE_GATE = frozenset("code codes key keys pin passcode otp pac codice código codigo clé schlüssel".split())
_NOT_A_CODE_BETWEEN = re.compile(r"(?i)\b(?:reg|registration|plate|serial|model|version|flight|booking|order)\b")
# a code the same for every unit or customer: a device's default, a bank's branch code for all its branches
_FACTORY_CODE = re.compile(r"(?i)\b(?:factory|default|universal|same for (?:every|all|each))\b")
_MONEY_AFTER = re.compile(r"(?i)\s?(?:€|\$|£|eur|euros?|usd|dollars?|pounds?|bucks|gbp|chf|kr|zł)\b")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n")
# -- codes said loosely: digit by digit, after a word or two past "is", or as "the old one was" ---------------------------
# A code word alone or ending a compound in any language ("Ausfahrtscode", "a … szekrényének új kódja", "PIN-koden",
# "รหัสตู้…": Thai writes no spaces), the cheap test first
_LOOSE_CODE_PARTS = ("cod", "cód", "kod", "kód", "รหัส")  # (and the word "pin": the words' set)
_LOOSE_CODE_WORD = re.compile(
    r"(?i)(?P<word>[^\W\d_]*(?:codes?|kod|koden|kode|kodu|kód|kódja|kódot|kódom|koodi|koodin|c[óo]digo|codice|"
    r"pin|pin-?code|pin-?koden?|passcode))(?![^\W\d_])|รหัส")
# a code's digits one by one, the first maybe with a letter ("3 8 1 5", "0 7 2 2 9 1", "3B 9 0 4")
# (or joined by dashes: "on the back of the card 4–7–1–9")
_DIGIT_BY_DIGIT = re.compile(r"(?<![\w,.–—-])(?P<value>\d[A-Z]?(?: \d){3,7}|\d(?:-\d){3,7}|\d(?:–\d){3,7}|\d(?:—\d){3,7})"
                             r"(?![\w–—-]| \d|[.,]\d)")
# "der Zugangscode … lautet ab heute 8254", "der Code … ist bei mir 5571": a word or two between "is" and the digits
# ("is" in every language but the words that are other words in English: Finnish "on", Polish "to")
_IS_LOOSELY = {language: tuple(p for p in phrases if p not in ("on", "to", "a", "most", "da"))
               for language, phrases in cues.SECRET_IS.items()}
_IS_THEN_FILLER = re.compile(
    rf"(?i)(?<![\w-]){cues.pattern(_IS_LOOSELY)}(?P<filler>(?:[^\S\n]+[^\W\d_]{{2,12}}){{1,3}})"
    r"[^\S\n]+(?P<value>\d{4,8})(?![\w-]|[.,:]\d| \d)")
# words that make the digits after them something else: a time, a place, a date, a number to call, a count
_NOT_A_FILLER = re.compile(
    r"(?i)(?<![\w-])(?:until|till|bis|hasta|jusqu\w*|fino|to|an|at|um|alle|om|on|auf|in|im|from|von|de|da|"
    r"since|seit|sent|with|mit|con|avec|tel|phone|call|calls?|nummer|number|numero|número|numéro|page|seite|room|zimmer|floor|gate|"
    r"bus|line|linie|route|flight|valid|gültig|válido|valable|valido|geldig|for|für|por|pour|per|about|around|"
    r"circa|ca|etwa|unter|under|over|über|than|als|approx\w*|only|nur|just|year|jahr|año|anno|année|points?|"
    r"punkte|euros?|dollars?|pounds?|kr|minutes?|minuten|hours?|stunden|days?|tage)(?![\w-])")
# "PIN-koden til lånekortet mitt. Den gamle var 2741": the old or new one, with a code named just before
_THE_OLD_ONE = re.compile(
    r"(?i)(?<![\w-])(?:the|den|det|der|die|das|le|la|el|il|de|het|o|a)\s+(?:old|new|previous|gamle|nye|gamla|nya|"
    r"alte|neue|ancien|nouveau|nouvelle|antiguo|nuevo|vecchio|nuovo|oude|nieuwe|velho|novo)(?:\s+(?:one|code|pin))?"
    r"\s+(?:is|was|var|er|är|war|ist|était|est|era|es|è|é|is|was)\s+(?P<value>\d{4,8})(?![\w-]|[.,]\d| \d)")
# '… asks for the "account PIN". I set it as 0519 when I signed up': a code set, its name in that sentence or the one before
_SET_IT_AS = re.compile(r"(?i)(?<![\w-])(?:set|made|changed|chose|picked|put)\s+(?:it|mine|one)\s+(?:as|to)\s+"
                        r"(?P<value>\d{4,8})(?![\w-]|[.,]\d| \d)")
# A run of lower-case words (a recovery phrase's shape: words of three to eight letters, apart by spaces or commas)
_WORD_RUN = re.compile(r"(?<![\w-])[a-z]{3,8}(?:(?:,?[^\S\n]+|,|[^\S\n]*\n[^\S\n]*)[a-z]{3,8}){11,23}(?![\w-])")


_WALLET_WORDS = re.compile(r"(?i)\b(?:wallet|seed|recovery|mnemonic|phrase|words\s+1\s*-\s*(?:12|24)|(?:12|24)\s+words)\b")


@functools.cache
def _bip39_words() -> frozenset[str]:
    """The 2,048 words of BIP-39's English list (the mnemonic package), from which wallets make recovery phrases."""
    return frozenset(Mnemonic("english").wordlist)


def _bip39_phrases(text: str, off_list: int) -> list[Finding]:
    """Runs of 12 to 24 words of the BIP-39 list, with at most off_list words not on it. The words that lead into
    or close a run ("the words are orbit … dune, in that order") are not part of it, so they are left out first."""
    found = []
    for run in _WORD_RUN.finditer(text):
        words = list(re.finditer(r"[a-z]+", run.group()))
        while words and words[0].group() not in _bip39_words():
            del words[0]
        while words and words[-1].group() not in _bip39_words():
            del words[-1]
        if 12 <= len(words) <= 24 and sum(w.group() not in _bip39_words() for w in words) <= off_list:
            found.append(Finding("secret", run.start() + words[0].start(), run.start() + words[-1].end(), 0.9,
                                 "recovery_phrase", rule="secret.bip39_phrase"))
    return found


_TRANSCRIPT_SECRET_GATE = frozenset("password passcode pin pw code otp passwort kennwort contraseña senha wachtwoord".split())
_LOGIN_LINE_GATE = frozenset("user username login usuario utilisateur benutzer benutzername usuário utente "
                              "gebruikersnaam gebruiker".split())
_AFTER_LOGIN_LINE = re.compile(
    r"(?im)^[^\S\n]*(?:user(?:\s?name)?|login|usuario|utilisateur|benutzer(?:name)?|usuário|utente|gebruikersnaam|"
    r"gebruiker)[^\S\n]*[:=][^\S\n]*\S{2,64}[^\S\n]*\n[^\S\n]*(?P<value>[^\s:()]{6,64})"
    r"(?:[^\S\n]*\([^)\n]{1,30}\))?[^\S\n]*$")
# (or asked for without "?": "> them: confirm your M-PESA PIN so we reverse the transaction\n> me: 8253")
# (a pasted chat's time may lead each line: "[10:02] Agent Kim: please read me the code we just texted you\n[10:02]
# me: 552918")
_CHAT_ASK_VERBS = frozenset("confirm give send share tell enter type provide read".split())
_ANSWERED_IN_CHAT = re.compile(
    r"(?im)^[^\n]*(?:\b(?:password|passcode|pin|pw|code|passwort|kennwort|contraseña|senha|wachtwoord)\b[^\n]*\?|"
    r"\b(?:confirm|give|send|share|tell|enter|type|provide|read(?:\s+me)?)\b[^\n]{0,30}\b"
    r"(?:password|passcode|pin|pw|code|otp)\b[^\n?]*)[^\S\n]*\n"
    r"[^\S\n]*(?:>[^\S\n]*)?(?:\[[^\]\n]{1,20}\][^\S\n]*)?(?:[\w .'’-]{1,20}:[^\S\n]*)?(?P<value>[^\s]{4,40}?)[.!]?"
    r"[^\S\n]*$")
# A password or code word that is ordinary words by what it is for, a child's collection or a safe word ("the
# collection password is bluebell tractor", "our safe word: pineapple"), the words ending the clause
_WORDS_PASSWORD_GATE = frozenset("collection pickup pick-up safe code secret".split())
_WORDS_PASSWORD = re.compile(
    r"(?i)\b(?:(?:collection|pick-?up)\s+password|(?:safe|code|secret)\s+word)\s*(?:is|was|:|=)\s*[\"'“‘]?"
    r"(?P<value>[a-z]{3,}(?:\s+[a-z]{3,}){0,2})[\"'”’]?(?=\s*(?:[.!,;)]|$|\n))")
_NOT_PASSWORD_WORDS = frozenset("the same still not changed changing required needed set written given missing "
                                "wrong correct right different new old available sent there here ready".split())
# "Abholcode 507 193", "Türcode 4471": a compound ending in its code word, and the digits right after it
_COMPOUND_CODE_DIGITS = re.compile(
    # (or joined by a hyphen, with its "is": "Paketkasten-Code ist 3184")
    rf"(?i)(?<![\w-])(?P<word>[^\W\d_]{{3,}}-?(?:code|kod|kode|koden|koodi))"
    rf"(?:[^\S\n]+(?:ist|is|lautet|est|es|è|är|er|on))?[^\S\n]*:?[^\S\n]*(?P<value>{_CODE_DIGITS})"
    r"(?![\w-]|[.,:]\d)")
# Thai's code word followed by what makes it a public code: postal, product, parcel, tracking, discount, promotion, error
def _word_before(text: str, start: int) -> str:
    """The word right before start, lower-cased ("clue" of "the clue code 5 1 4 9"), or ""."""
    previous = re.search(r"([^\W\d_]+)[^\S\n]*$", text[max(0, start - 25):start])
    return previous.group(1).lower() if previous else ""


_NOT_A_THAI_SECRET = re.compile(r"ไปรษณีย์|สินค้า|พัสดุ|ติดตาม|ส่วนลด|โปรโมชั่น|ข้อผิดพลาด|ข้อผิดพลาด|คูปอง")
# the first part of a compound that makes it a public or another thing's code ("Postcode", "Rabattcode", "Fehlercode")
_NOT_A_SECRET_COMPOUND = re.compile(
    r"(?i)(?:post|zip|postal|area|country|länder|promo|discount|coupon|rabatt|rabat|korting|alennus|referral|error|"
    r"fehler|fout|feil|fejl|virhe|fel|status|tracking|sendungs|order|bestell|booking|buchungs|reference|referenz|"
    r"product|produkt|artikel|item|tax|steuer|sort|swift|bank|branch|qr|bar|strich|dress|source|quell|exit|event|"
    r"voucher|gutschein|aktions|promotion|freundes|friend|colou?r|farb|kleur|färg|farve|farge|kolor|couleur|colore|"
    r"style|model|modell|part|teil|sku|airport|flight|flug|class|location|zone|"
    r"tariff|tarif|vorwahl|länder|iata|icao|hs|zoll|ean)s?$")


# -- a password given later in its sentence, set off, or before its name in another language ----------------------
_PASSWORD_PARTS = ("passw", "de passe", "passord", "pwd", "contrase", "senha", "wachtwoord", "hasło", "haslo", "senord",
                   "adgangskode", "salasana", "ifre", "heslo", "kennwort")
_PASSWORD_GATE = re.compile(r"(?i)passw|pwd|mot de passe|contrase|senha|wachtwoord|has[łl]o|l[öo]senord|passord|"
                            r"adgangskode|salasana|[şs]ifre|heslo|kennwort")
_A_PASSWORD_WORD = re.compile(r"(?i)(?<![\w-])(?:passwor[dt]s?|pwd|pw|kennwort|mot\s+de\s+passe|contrase[ñn]a|senha|"
                              r"wachtwoord|has[łl]o|l[öo]senord(?:et)?|passord(?:et)?|adgangskode(?:n)?|salasana|"
                              r"[şs]ifre(?:m|si)?|heslo)(?![\w-])")
# a made-up value set off after the word, later in its sentence: ", coffee-at-nine-31.", "(jacob2015)", ": Mario_Kart88!",
# "so: SE154QT7731"; letters with digits, or words joined by "-" or "_" with a digit
_SET_OFF_VALUE = re.compile(
    r"(?:[,:(]|\bso:|\bi\.e\.|\balso:|\bd\.h\.)[^\S\n]*[\"'“]?(?P<value>(?=[\w!@#$%&*.+-]*\d)(?=[\w!@#$%&*.+-]*[^\W\d_])"
    r"[^\W_][\w!@#$%&*.+-]{4,40}?)[\"'”]?(?=[)!?]*(?:[.,;]?(?:\s|$)))")
# "soleil2003 c'est le mot de passe", "sunny77 ist das Passwort": a value, then "is the password" in its language
_VALUE_IS_THE_PASSWORD = re.compile(
    r"(?i)(?<![\w@.-])(?P<value>(?=[\w!@#$%&*.+-]*\d)(?=[\w!@#$%&*.+-]*[^\W\d_])[\w!@#$%&*.+-]{5,40})[^\S\n]+"
    r"(?:c['’]est|est|ist|es|è|é|is|er|är|on|jest|to)[^\S\n]+(?:le|mon|das|mein|la|mi|il|mio|a|minha|o|het|mijn|"
    r"mitt|my|the|moje|moje|min)?[^\S\n]*(?:mot\s+de\s+passe|passwort|contrase[ñn]a|password|senha|wachtwoord|"
    r"l[öo]senord|passord|has[łl]o|kennwort)(?![\w-])")
# what a set-off value may not be: a link, a mailbox, a date or time, a reference's capitals and digits with a dash
# (a link, a handle or a mailbox: "@" first, or before a domain; "Mudar@2025" is a password)
_NOT_A_SET_OFF_PASSWORD = re.compile(r"(?i)^(?:https?|www\.)|^@|@[\w-]+\.\w|^\d[\d.:/-]*$|^[A-Z]{2,5}-\d|^\d+(?:st|nd|rd|th|am|pm|h)$")
# words that say a value is no password: its rules, a reset, a reference
_PASSWORD_TALK = re.compile(r"(?i)\b(?:e\.g\.|for example|example|such as|like|z\.B\.|par exemple|por ejemplo|"
                            r"ticket|case|order|reference|ref)\b")

# A password or code changed, reset or set to a value, in each language's order: the verb, its object and the word
# for "to" before the value ("I reset it to Summer2025!", "j'ai changé mon mot de passe en Papillon75", "mudei a senha
# para …", "zmieniłem hasło na …", "поменял пароль на …", "cambié el PIN a 4471"), or the value before the verb where
# the language puts it last ("auf Bienchen88 geändert", "naar Molen2020 veranderd", "Kartal1903 olarak değiştirdim",
# "sora2023に変更", "sky2023으로 바꿨어요", "改成了 abc12345")
_CHANGE_VERB = (r"chang(?:ed|e|ing)|reset(?:ting)?|set|updated?|switched|ge[äa]ndert|geaendert|gesetzt|"
                r"zurückgesetzt|umgestellt|chang[ée]e?s?|modifi[ée]e?s?|remis|mis|r[ée]initialis[ée]e?s?|cambi[ée]|"
                r"cambiad[oa]|puse|puesto|restablec[ií]\w*|cambiat[oa]|impostat[oa]|mess[oa]|modificat[oa]|"
                r"resettat[oa]|veranderd|gewijzigd|ingesteld|gezet|gereset|mudei|mudou|troquei|alterei|coloquei|"
                r"redefini|redefinid[oa]s?|alterad[oa]s?|trocad[oa]s?|mudad[oa]s?|restablecid[oa]s?|modificad[oa]s?|"
                r"reimpostat[oa]|zmieni\w*|ustawi\w*|zresetowa\w*|ändrade|ändrat|bytte|byttet|satte|endret|ændrede|ændret|"
                r"skiftede|vaihdoin|vaihdettu|поменял\w*|сменил\w*|изменил\w*|поставил\w*|змінив\w*|поміняв\w*|"
                r"зміни\w*")
_SECRET_CHANGED_VERB = re.compile(rf"(?i)(?<![\w-])(?:{_CHANGE_VERB})(?![\w-])")
# (then, within four words, its "to" and the value: each "to" is tried in turn, "mudei a senha para …")
_SECRET_CHANGED_TO = re.compile(
    r"(?i)[^\S\n]+(?:back[^\S\n]+)?(?:to|auf|zu|en|à|a|par|por|in|naar|op|para|pra|na|till|til|на|до)[^\S\n]*:?[^\S\n]*"
    r"[\"'“‘«]?(?P<value>[^\s\"'“”‘’«»,;]{4,40})")
_VALUE_THEN_CHANGED = re.compile(
    r"(?i)(?:(?<![\w-])(?:auf|in|naar|op|na)[^\S\n]+[\"'“‘]?(?P<value>[^\s\"'“”‘’,;]{4,40}?)[\"'”’]?[^\S\n]+"
    r"(?:(?:ge[äa]ndert|gesetzt|zurückgesetzt|umgestellt|veranderd|gewijzigd|gezet|ingesteld|gereset)(?![\w-])|"
    r"(?:hab|habe|heb|ik)\b)|"
    r"(?<![\w-])[\"'“‘]?(?P<tr>[^\s\"'“”‘’,;]{4,40}?)[\"'”’]?[^\S\n]+(?:olarak|diye|yaptım|yaptim)(?![\w-])|"
    r"(?<![A-Za-z0-9!#$%&*+=?@^_~.-])(?P<cjk>[A-Za-z0-9!#$%&*+=?@^_~.-]{4,40})[^\S\n]*(?:に|へ|으로|로)[^\S\n]*"
    r"(?:変更|変え|設定|바꿨|바꾸|바꿔|변경)|"
    r"(?:改成|改为|改為|换成|換成|设成|设置为|設為|设为)了?[^\S\n]*[:：]?[^\S\n]*"
    r"(?P<zh>[A-Za-z0-9!#$%&*+=?@^_~.-]{4,40})(?![A-Za-z0-9!#$%&*+=?@^_~-]))")
# (the verbs' and words' forms, as whole words of the text: a set look-up; and the scripts with no spaces, searched
# in a text that is not ASCII only)
_CHANGED_GATE_WORDS = frozenset(
    "changed change changing reset resetting set updated update switched geändert geaendert gesetzt zurückgesetzt "
    "umgestellt changé changée changés modifié modifiée remis mis réinitialisé reinitialise cambié cambie cambiado "
    "cambiada puse puesto restablecí restableci redefinida redefinido redefinidas redefinidos alterada alterado "
    "trocada trocado mudada mudado restablecida restablecido modificada modificado reimpostata reimpostato cambiato cambiata impostato impostata messo messa modificato "
    "modificata resettato veranderd gewijzigd ingesteld gezet gereset mudei mudou troquei alterei coloquei redefini "
    "zmieniłem zmieniłam zmieniłe zmienione zmieniony zmienił zmieniła ustawiłem ustawiłam ustawione ustawił "
    "zresetowałem zresetowałam ändrade ändrat bytte byttet satte endret ændrede ændret skiftede vaihdoin vaihdettu "
    "olarak diye yaptım yaptim поменял поменяла поменяли сменил сменила сменили изменил изменила изменили "
    "поставил поставила поставили змінив змінила змінили поміняв поміняла".split())
_CHANGED_SECRET_PARTS = ("pass", "pw", "pin", "cod", "kod", "kód", "cód", "senha", "hasł", "hasl", "wacht", "parol",
                         "пароль", "ifre", "heslo", "clave", "mdp", "lösen", "losen", "salasana", "kennwort", "code")
_CHANGED_IN_SCRIPTS = re.compile(r"変更|変え|設定|바꿨|바꾸|바꿔|변경|改成|改为|改為|换成|換成|设成|设置为|設為|设为")
# a secret's word near the value: a password's in any language, a PIN's or a code's (not a promotion's or a post code's)
_CHANGED_SECRET_WORD = re.compile(
    r"(?i)passw|pwd|(?<![\w-])pw(?![\w-])|kennwort|mot\s+de\s+passe|\bmdp\b|contrase|\bclave\b|senha|wachtwoord|"
    r"has[łl]o|l[öo]senord|passord|adgangskode|salasana|[şs]ifre|heslo|parol|пароль|пароля|парол|"
    r"パスワード|暗証番号|비밀번호|비번|密码|密碼|"
    r"(?<![\w-])(?:pin|pin-?code|pincode|pin-?koden?|passcode|code|codes|kod|kodu|kód|kodu|koden|koodi|c[óo]digo|"
    r"codice|код|コード|코드|\w+code|\w+kod|\w+koden)(?![\w-])")
_CHANGED_CODE_WORD = re.compile(
    r"(?i)(?<![\w-])(?:pin|pin-?code|pincode|pin-?koden?|passcode|code|kod|kodu|kód|koden|koodi|c[óo]digo|codice|код|"
    r"[\w-]*(?:code|kod|koden))(?![\w-])")



# A security question's topic as a form or a site labels it, then its answer after a colon or a dash ("first pet:
# Biscuit", "name of first pet — Whiskers", "favourite football team (security q): Everton", "Sicherheitsfrage: Name
# des ersten Haustiers – Bello"); an answer "to my security question is …"; and a value said to be the answer after
# it ("my first car was a Fiesta, that's my security answer")
_ANSWER_TOPIC = re.compile(
    r"(?i)(?<![\w-])(?:(?:name\s+of\s+(?:your\s+|my\s+|the\s+)?)?(?:first|1st)\s+(?:pet|dog|cat|car|school|teacher|"
    r"boss|job|concert|street|house|love|crush)(?:['’]s\s+name|\s+name)?|(?:your\s+|my\s+)?pet['’]s\s+name|"
    r"favou?rite\s+(?:teacher|(?:football\s+|sports?\s+)?team|band|book|film|movie|food|colou?r|city|singer|"
    r"actor|author|place|holiday\s+destination)|childhood\s+(?:best\s+friend|friend|nickname|hero|street|home)|"
    r"primary\s+school|mother['’]?s\s+maiden\s+name|maiden\s+name|(?:security|secret|memorable)\s+"
    r"(?:question|answer|word|q|info(?:rmation)?)|sicherheitsfrage|geheimfrage|question\s+secrète|"
    r"question\s+de\s+sécurité|pregunta\s+(?:de\s+seguridad|secreta)|domanda\s+(?:di\s+sicurezza|segreta)|"
    r"pergunta\s+(?:de\s+segurança|secreta)|beveiligingsvraag|pytanie\s+(?:bezpieczeństwa|pomocnicze)|"
    r"säkerhetsfråga[n]?|sikkerhe[dt]sspørsmål|sikkerhedsspørgsmål|turvakysymys|güvenlik\s+sorusu)"
    r"(?P<question>[^\S\n]*(?:\([^()\n]{0,30}\)|\?)?(?:[^\S\n]*[:=][^\n:=–—]{0,60}?)?)"
    r"[^\S\n]*(?:[:=]|[–—]|(?<=\s)-(?=\s))[^\S\n]*"
    r"(?P<value>\"[^\"\n]{1,40}\"|'[^'\n]{1,40}'|“[^”\n]{1,40}”|"
    r"[^\W\d_][\w'’.-]{1,30}(?:[^\S\n]+(?-i:[A-Z])[\w'’.-]{1,30}){0,2})(?=[^\S\n]*(?:[.!,;)\n]|$))")
_ANSWER_TO_QUESTION = re.compile(
    r"(?i)\banswers?\s+(?:to|for|on)\s+(?:my|the|your|his|her)\s+(?:security|secret|memorable)\s+(?:questions?|qs?)\s+"
    r"(?:is|was|=|:)\s*(?P<value>\"[^\"\n]{1,40}\"|'[^'\n]{1,40}'|[^\W\d_][\w'’-]{1,30})")
# "our records show your security answer as 'Biscuit'": the answer named, then quoted after "as"
# ("the security answer on the e-Transfer we sent is 'ravioli'"; "we've got 'Biscuit' as your first pet's name")
_ANSWER_QUOTED_AS = re.compile(
    r"(?i)\b(?:security|secret|memorable)\s+(?:answer|word)(?:\s+(?:on|for|of|to)\s+(?:the|your|our|this|that)\s+"
    r"[\w-]+(?:\s+(?:we|you|i|they)\s+\w+)?)?\s+(?:as|is|was|=|:|(?:updated|changed|set)\s+to)\s*"
    # (its topic first: "the security answer was my first school, 'St Xaviers Ranchi'")
    r"(?:(?:my|your|the|her|his)\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*[,:—–-]\s*)?"
    r"(?P<value>\"[^\"\n]{1,40}\"|'[^'\n]{1,40}'|“[^”\n]{1,40}”|‘[^’\n]{1,40}’)|"
    r"(?P<held>\"[^\"\n]{1,40}\"|'[^'\n]{1,40}'|“[^”\n]{1,40}”|‘[^’\n]{1,40}’)\s+(?:as|for)\s+"
    r"(?:your|the|her|his|their)\s+(?:(?:first|1st)\s+(?:pet|dog|cat|school|car)(?:['’]s\s+name)?|"
    r"(?:mother['’]s\s+)?maiden\s+name|(?:security|secret|memorable)\s+(?:answer|word))\b")
_ANSWER_SAID_AFTER = re.compile(
    # (a capital first, or a word after "it's": "lol it's literally kowalski, that's my mom's maiden name")
    r"(?i)(?P<value>(?-i:[A-Z])[\w'’-]{1,30}|(?:(?<=it['’]s )|(?<=its )|(?<=literally )|(?<=just ))(?-i:[a-z])[\w'’-]{2,30})"
    r"[^\S\n]*[,.;—–-]?[^\S\n]*(?:that['’]?s|this\s+is|it['’]?s|is|was|=)\s+"
    r"(?:my|the|our)\s+(?:(?:security|secret|memorable)\s+(?:answer|word)|(?:mom|mum|mother|mam|ma)['’]?s\s+"
    r"maiden\s+name)\b")
# (a topic any form may ask, "favourite film:", "first car:", is an answer only with a security question's word in the
# text; a first pet, a first school, a maiden name or a childhood nickname are asked by security questions alone)
_WEAK_ANSWER_TOPIC = re.compile(r"(?i)favou?rite|first\s+(?:car|boss|job|concert|street|house|love|crush|teacher)|"
                                r"1st\s+(?:car|boss|job|concert|street|house|love|crush|teacher)|primary|"
                                r"childhood\s+(?:hero|street|home)")
_SECURITY_CUE = re.compile(r"(?i)secur|secret|memorable|question|answer|verif|frage|pregunta|domanda|pergunta|vraag|"
                           r"pytanie|fråga|spørsmål|spørgsmål|kysymys|soru")
_ANSWER_TOPIC_NOUNS = frozenset("pet pets dog cat car school teacher boss job concert street house love crush team band "
                                "book film movie food colour color city singer actor author place holiday friend "
                                "nickname hero home name maiden question answer word q info information sicherheitsfrage "
                                "geheimfrage secrète sécurité seguridad secreta sicurezza segreta segurança "
                                "beveiligingsvraag bezpieczeństwa pomocnicze säkerhetsfråga säkerhetsfrågan "
                                "sikkerhetsspørsmål sikkerhedsspørgsmål turvakysymys sorusu".split())
_ANSWER_TOPIC_GATE = frozenset("first 1st favourite favorite childhood maiden security secret memorable primary pet "
                               "sicherheitsfrage geheimfrage secrète sécurité seguridad secreta sicurezza segreta "
                               "segurança beveiligingsvraag bezpieczeństwa pomocnicze säkerhetsfråga säkerhetsfrågan "
                               "sikkerhetsspørsmål sikkerhedsspørgsmål turvakysymys güvenlik".split())
# what follows a topic's colon that is no answer: an article, a pronoun, a refusal, a question or a state
_NOT_AN_ANSWER_START = re.compile(
    r"(?i)(?:a|an|the|my|your|his|her|our|their|none|no|not|n/a|na|unknown|what|which|who|where|when|how|why|is|was|"
    r"it|i|we|you|please|pls|same|forgot|forgotten|don['’]?t|can['’]?t|cannot|wrong|incorrect|invalid|reset|"
    r"locked|blocked|asked|asks|asking|question|answer|yes|ok|okay|help|hilfe|bitte|ich|es|le|la|les|el|los|il|"
    r"de|het|een|en|et|und|y|e|o|u|и|der|die|das|ein|eine|un|une|nom|name|nombre|nome|naam|vergessen|oublié)$")

# What a code opens, named with no code word: a lock, a door, a gate or an alarm, then ":" or "is" (in its language)
# and its digits ("back gate: 4471#", "the gate is 1966, the door is 2020", "alarm is 1357", "Alarmanlage: 5582",
# "the safe in the room: 0911"), or right after a lock that only a code opens ("bike shed padlock 419", "key safe
# 0-4-1-7"); and digits keyed in to get in ("enter 2580 on the keypad", "use 5521# to get in")
_OPENED_BY_DIGITS_WORDS = (
    # (a lock that only a code opens: its digits may follow it directly, three of them for a padlock)
    r"(?P<lock>key\s*safe|key\s*box|lock\s*box|padlock|combination\s+lock|keypad|key\s*pad|door\s+keypad|"
    r"alarm\s+panel|schlüsseltresor|schlüsselkasten|schlüsselbox|zahlenschloss|fahrradschloss|bügelschloss|"
    r"boîte\s+à\s+clés|boite\s+à\s+clés|cadenas|caja\s+de\s+llaves|cajetín|candado|cassetta\s+(?:delle|portachiavi)"
    r"\s*chiavi|lucchetto|cofre\s+de\s+chaves|cadeado|sleutelkluis(?:je)?|cijferslot|hangslot|fietsslot|"
    r"sejf\s+na\s+klucze|kłódk[ai]|nyckelskåp(?:et)?|nyckelbox|nøgleboks|nøkkelboks|hänglås|hengelås|hængelås)|"
    r"(?P<place>(?:(?:front|back|side|main|garden|garage|rear|patio|entrance|entry|street|building|car\s*park|yard)\s+)?"
    r"(?:gate|door)|garage|alarm|burglar\s+alarm|alarm\s+system|intercom|buzzer|(?:the|a|my|your|our|room|hotel|wall|"
    r"home|gun)\s+safe|vault|alarmanlage|alarm(?:an)?lage|haustür|hintertür|seitentür|gartentor|garagentor|hoftor|"
    r"tor|tür|tresor|alarme|portail|porte|coffre(?:-fort)?|interphone|alarma|portón|portal|puerta|caja\s+fuerte|"
    r"portero|allarme|cancello|portone|cassaforte|citofono|alarme|portão|cofre|interfone|alarm|poort|deur|voordeur|"
    r"achterdeur|kluis|alarmu|alarm|brama|bramy|domofon|furtka|sejf|larm(?:et)?|grind(?:en)?|dörr(?:en)?|port(?:en)?|"
    r"alarm(?:en)?|dør(?:en|a)?|låge(?:n)?|hälytin|interfon|poartă|poarta|ușa|alarmă|kapı|alarm[ıi]|"
    r"θυρ[ωο]τηλέφωνο|συναγερμ[οό]ς?|πόρτα)")
_OPENED_BY_DIGITS = re.compile(
    rf"(?i)(?<![\w-])(?:{_OPENED_BY_DIGITS_WORDS})(?![\w-])"
    r"(?P<sep>[^\S\n]*(?:\([^()\n]{0,25}\)|(?:in|on|at|of|for|by)\s+(?:the|my|your|our)\s+[^\W\d_]{2,15})?[^\S\n]*"
    r"(?:[:=—–]|(?<=\s)-(?=\s)|(?<=[^\W\d_])['’]s(?![\w-])|(?<![\w-])(?:is|was|ist|war|est|c['’]est|es|è|é|är|er|"
    r"jest|je|este|είναι|lautet|vale|fica)(?![\w-]))?[^\S\n]*)"
    r"(?P<value>\d(?:[^\S\n]?[-–][^\S\n]?\d|\d){2,7}[#*]?|\d(?:[^\S\n]\d){3,7}[#*]?)"
    r"(?![\w/%°]|[.,:]\d|[^\S\n]?(?:[-–][^\S\n]?)?\d)")
_KEYED_IN = re.compile(
    r"(?i)(?<![\w-])(?:enter|punch(?:\s+in)?|type(?:\s+in)?|key(?:\s+in)?|tap(?:\s+in)?|press|dial|use|input|"
    r"eingeben|tippen|tapez|entrez|composez|marca|marque|introduce|digita|digite|inserisci|voer|toets|wpisz|"
    r"wybierz|skriv|tast|tryck)\s+(?P<value>\d{3,8}[#*]?|\d(?:[ -]\d){3,7}[#*]?)(?![\w/%°]|[.,:]\d)\s+"
    r"(?:(?:on|into|at|in|for)\s+(?:the\s+|a\s+)?(?:[^\W\d_]+\s+)?(?:keypad|key\s*pad|pad|panel|door|gate|box|lock|"
    r"alarm|intercom|buzzer|entrance|entry|front|barrier)\b|to\s+(?:get\s+in|open|enter|unlock|disarm|come\s+in|"
    r"get\s+through)\b|(?:am|an\s+der|auf\s+dem|sur\s+le|en\s+el|sul|op\s+het|na)\s+(?:[^\W\d_]+\s+)?"
    r"(?:tastenfeld|tastatur|tür|tor|clavier|digicode|portail|porte|teclado|puerta|tastierino|portone|toetsenbord|"
    r"deur|klawiaturze|drzwiach))")
# (the words' forms, as whole words: a set look-up before either search)
_OPENED_BY_DIGITS_GATE = frozenset(
    "safe keysafe box lockbox padlock lock keypad pad panel gate door garage alarm intercom buzzer vault "
    "schlüsseltresor schlüsselkasten schlüsselbox zahlenschloss fahrradschloss bügelschloss clés cadenas llaves "
    "cajetín candado chiavi portachiavi lucchetto chaves cadeado sleutelkluis sleutelkluisje cijferslot hangslot "
    "fietsslot klucze kłódka kłódki nyckelskåp nyckelskåpet nyckelbox nøgleboks nøkkelboks hänglås hengelås hængelås "
    "alarmanlage haustür hintertür seitentür gartentor garagentor hoftor tor tür tresor alarme portail porte coffre "
    "fort interphone alarma portón portal puerta fuerte portero allarme cancello portone cassaforte citofono portão "
    "cofre interfone poort deur voordeur achterdeur kluis alarmu brama bramy domofon furtka sejf larm larmet grind "
    "grinden dörr dörren port porten alarmen dør døren døra låge lågen hälytin interfon poartă poarta ușa alarmă kapı "
    "alarmı alarmi θυροτηλέφωνο συναγερμός συναγερμος πόρτα".split())
# A secret named, then given after "here it is": "left the new router key on the card but here it is again: puffin5GHz-7741"
# (or named in the paragraph before: "The app is asking for the code … \n\nI've just resent it …, here it is directly:
# 482 915")
_HERE_IT_IS_WORDS = ("password", "passwords", "pw", "pwd", "passcode", "pin", "key", "code", "passphrase")
_HERE_IT_IS = re.compile(rf"(?i)\b(?:{'|'.join(_HERE_IT_IS_WORDS)})\b[\s\S]{{0,300}}?\bhere\s+"
                         r"(?:it\s+is|it['’]s|you\s+go)(?:\s+(?:again|directly|below))?\s*[:—–-]\s*"
                         r"(?P<value>\d{3}[ -]\d{3}(?![\w-]| \d)|[^\s\"'“”,;]{4,64})")
_HERE_IT_IS_GATE = frozenset(_HERE_IT_IS_WORDS)
# A password told by how it is written: words "with no spaces" ("my pass is just Tui Power 2022 with no spaces"), or
# the e-mail address given beside it, changed ("the pwd is just the bit before the @ with 99 on the end")
_DESCRIBED_WORDS = ("password", "pass", "pw", "pwd", "passcode", "passphrase")
_PASSWORD_DESCRIBED = re.compile(
    rf"(?i)\b(?:{'|'.join(_DESCRIBED_WORDS)})\s+(?:is|was|=|:)\s+(?:just\s+|literally\s+|simply\s+)?"
    r"(?:(?P<value>[^\s,;]+(?:\s+[^\s,;]+){1,4}?)(?=\s+(?:with|w/|without)\s+(?:no\s+|the\s+)?spaces\b)|"
    r"(?P<from_email>(?:the\s+)?(?:bit|part|name|letters|stuff|everything)\s+before\s+the\s+@[^.!?\n]{0,40}))")
# A voicemail's PIN said as "mine was …" after it: "voicemail get reset? mine was 8806 for like 6 years"
_VOICEMAIL_PIN = re.compile(r"(?i)\bvoicemail\b[^\n]{0,60}?\b(?:mine|my\s+(?:pin|code|passcode)|the\s+(?:pin|code))\s+"
                            r"(?:was|is|used\s+to\s+be)\s+(?P<value>\d{4,8})(?![\w-]|[.,]\d| \d)")
# A secret given back as "one" or used: "my old one, sunflower88!Jade", "It's this one, GV7K-42QP-M9XT-8821", "uso
# Marisma_1987! en casi todas partes" (the secret's word earlier in the text: _REFERRED_SECRET_WORD)
_ONE_GIVEN = re.compile(r"(?i)\b(?:(?:my|the|your)\s+(?:old|previous|current|new)\s+one|this\s+one|"
                        r"(?:i\s+)?use|uso|utilizo|j['’]utilise|ich\s+nutze)\s*[,:(]?\s+(?P<value>[^\s,;()\"'“”]{8,64})")
_ONE_DIGITS = re.compile(r"(?i)\b(?:the\s+(?:new|old)\s+one|mine|my\s+own)\b[^.!?\n\d]{0,25}?[:,]\s*"
                         r"(?P<value>\d{4,8})(?![\w-]|[.,]\d)")
# Google's verification code as its text message writes it ("G-482913")
_GOOGLE_CODE = re.compile(r"(?<![\w-])G-(?P<value>\d{6})(?![\w-])")
_REFERRED_SECRET_WORD = re.compile(r"(?i)\b(?:password|passwords|passcode|pin|code|codes|contraseña|contraseñas|"
                                   r"mot\s+de\s+passe|passwort|senha|wachtwoord)\b")
_REFERRED_BACK_GATE = frozenset("password passwords passcode pin code codes contraseña passwort senha wachtwoord "
                                "mailer".split())
_ESIM_ACTIVATION = re.compile(r"LPA:1\$[^\s$]{3,100}\$[A-Za-z0-9-]{8,64}")
_DESCRIBED_GATE = frozenset(_DESCRIBED_WORDS)
# What the writer types after naming their PIN: "keeps asking for my 6 digit pin, I type 190388 and it says wrong"
_PIN_THEN_TYPED = re.compile(r"(?i)\b(?:pin|passcode)\b[^.!?\n]{0,40}?\bi\s+(?:type|typed|enter|entered|put\s+in|key\s+in|"
                             r"keyed\s+in|punch\s+in|punched\s+in)\s+(?:in\s+)?(?P<value>\d{4,8})(?![\w/%°]|[.,:]\d|\s+times\b)")
_KEYED_IN_GATE = frozenset("enter punch type key tap press dial use input eingeben tippen tapez entrez composez marca "
                           "marque introduce digita digite inserisci voer toets wpisz wybierz skriv tast tryck".split())
_CODE_WORD_BEFORE_LOCK = re.compile(r"(?i)(?<![\w-])(?:code|kod|kód|kode|koden|c[óo]digo|codice|codul|код|kodu)"
                                    r"(?:\s+(?:for|of|to|do|od|de|del|della|van|till|til|för|for|от|від|zu|für)"
                                    r"(?:\s+(?:the|la|le|el|il|de|het|der|die|das))?)?\s+$")
# an alarm clock's time, a door's or a gate's number, a garage's bill: no code
_NOT_A_LOCK_CODE = re.compile(r"(?i)\b(?:wake|woke|clock|morning|snooze|o['’]clock|tomorrow|am|pm|uhr|heures?|"
                              r"flight|terminal|boarding|departure|platform|gleis|porte\s+d['’]embarquement|"
                              r"puerta\s+de\s+embarque|invoice|bill|quote|repair|service|mot|price|cost|paid)\b")

# A code given before its name, as the messages that carry one are written and pasted ("G-882910 is your Google
# verification code", "447192 is your WhatsApp code", "123456 ist dein Bestätigungscode", "552901 est votre code de
# vérification", "Is 448201 the code I should give …?"): 4-8 digits (after a service's letters and a dash, or in two
# threes), "is" in its language, "your", "the" or "my" in it, up to two words and a code word (or a compound ending
# in one); not a promotion's, an order's or a post code (NOT_A_SECRET_CODE, between)
_CODE_BEFORE_ITS_NAME = re.compile(
    # (a PIN ending in "#", keyed in so: "582914# is your door PIN"; or "559120 — that's the … access code")
    r"(?i)(?<![\w.,/:-])(?:[A-Z]{1,4}-)?(?P<value>\d{4,8}#?|\d{3}[ -]\d{3})[^\S\n]+"
    r"(?:[-–—][^\S\n]+that['’]s|is|was|ist|war|est|es|è|é|är|er|jest|to|je|é|on|este|adalah|là|(?:hi[^\S\n]+)?hai)"
    # (Hinglish too: "7391 hi hai mera UPI PIN", it is my UPI PIN)
    r"[^\S\n]+(?:your|the|my|mera|meri|aapka|aapki|a|dein|deine|ihr|ihre|der|die|das|mein|meine|votre|ton|ta|le|la|mon|ma|tu|su|el|mi|il\s+tuo|"
    r"il\s+suo|il|il\s+mio|o\s+seu|o\s+teu|seu|teu|o|twój|twoj|pana|pani|din|ditt|je|uw|de|het|mijn|min|sinun|ваш|"
    r"твой|kode|mã)[^\S\n]+(?P<between>(?:[^\W\d_][\w-]*[^\S\n]+){0,2}?)"
    r"(?:[\w-]*(?:code|codes|kod|kode|koden|koodi|código|codigo|codice|pin|passcode|otp|tan|код)|"
    r"code\s+de\s+\w+|c[óo]digo\s+de\s+\w+|codice\s+di\s+\w+)(?![\w-])")
# (Turkish: "kodunuz 448201", your code; "448120 kodu geldi", the code 448120 came)
_TURKISH_CODE = re.compile(
    r"(?i)(?<![\w-])(?:kodunuz|kodun|kodum|şifreniz|sifreniz)[^\S\n]*[:：]?[^\S\n]*(?P<value>\d{4,8})(?![\w-])|"
    # ("613 884 diye bir doğrulama kodu geldi": a code "called" 613 884 came; "558201 şifrem bu": 558201 is my password)
    r"(?<![\w.,/:-])(?P<before>\d{4,8}|\d{3} \d{3})[^\S\n]+(?:diye[^\S\n]+bir[^\S\n]+)?"
    r"(?:(?:doğrulama|onay|giriş|tek\s+kullanımlık)[^\S\n]+)?(?:kodu[^\S\n]+(?:geldi|gönderildi|gelmiş|gönderdiler|attılar)|"
    r"(?:şifrem|sifrem|parolam|pinim)(?![\w-]))")
_TURKISH_CODE_GATE = frozenset("kodunuz kodun kodum şifreniz sifreniz kodu şifrem sifrem parolam pinim".split())
_CODE_BEFORE_ITS_NAME_GATE = frozenset(
    "is was ist war est es är er jest to je on este adalah là that hai".split())

# A one-time code received by text with no code word: six digits (or two threes, three pairs) in a clause that says a
# message brought them ("I just got 481 229 by SMS", "got a text with 739201 in it", "they texted me 228 104", "the
# bank sent 552019 to confirm the payment"), or digits named as "the six digits" ("the 6 digits were 448201")
_OTP_SHAPED = re.compile(r"(?<![\w.,/:+#-])(?<!\d )(?P<value>\d{6}|\d{3}[ -]\d{3}|\d{2} \d{2} \d{2})"
                         r"(?![\w/%°]|[.,:-]\d| ?\d)")  # (not the head of a longer number: "415-829-3067")
_MESSAGE_WORD = re.compile(r"(?i)(?<![\w-])(?:sms|text|texts|texted|txt|message|msg|imessage|whatsapp|nachricht|"
                           r"mensaje|messaggio|mensagem|bericht|wiadomo\w+|mesaj|smsben|smsem|tekstbesked)(?![\w-])")
_RECEIVED_WORD = re.compile(
    r"(?i)(?<![\w-])(?:got|get|getting|received?|receiving|sent|send|texted|came|comes|arrived|gave|bekommen|"
    r"bekam|erhalten|geschickt|gesendet|reçu|envoyé|recib\w*|lleg[óo]|enviaron|mandaron|ricevut\w*|arrivat\w*|"
    r"inviato|gekregen|ontvangen|gestuurd|recebi|chegou|enviaram|dosta\w+|przyszed\w*|przysz\w+|fick|fått|fik|fikk|"
    r"aldım|geldi|gönderdi\w*)(?![\w-])")
_DIGITS_WORD = re.compile(r"(?i)(?<![\w-])(?:(?:the|those|these|my)\s+)?(?:6|six|4|four|8|eight)[\s-]+digits?"
                          r"(?:\s+(?:code|number))?(?:\s+(?:they|i|you|the\s+bank|it)\s+(?:sent|got|gave|received)"
                          r"(?:\s+me)?(?:\s+by\s+\w+)?)?\s*(?:were|was|are|is|:)\s*$")
_CODES_PURPOSE = re.compile(r"(?i)\s+(?:to|for)\s+(?:confirm|verify|log\s*in|sign\s*in|approve|authori[sz]e|authenticate|"
                            r"complete|unlock|reset)\b")
_MESSAGE_GATE = frozenset("sms text texts texted txt message msg imessage whatsapp nachricht mensaje messaggio mensagem "
                          "bericht wiadomość wiadomosc mesaj digits digit".split())

# What hands over a parcel or an order at a counter or a locker, named as a number, a PIN or a code in one word or
# two ("pickup code 883104", "collection number 7731", "Abholnummer 448201", "numéro de retrait 448201", "código de
# recogida 4410", "pick-up no. 5521", "受取番号 4471"): 4-8 digits (or in groups) or capitals and digits
_PICKUP_VALUE = (r"(?P<value>\d{4,8}(?![\d-])|\d{2,4}(?:[ -]\d{2,4}){1,2}(?![\d-])|"
                 r"(?-i:(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])(?:[A-Z0-9]{2,4}(?:-[A-Z0-9]{2,4}){1,3}|[A-Z0-9]{4,8})"
                 r"(?![\w-])))")
_PICKUP_NAMED = re.compile(
    r"(?i)(?<![\w-])(?:(?:collection|pick-?up|pick\s+up|locker\s+pick-?up)\s+(?:code|codes|number|no\.?|nr\.?|#|pin)|"
    # (an insurance claim's or a release's number is a reference: only their code hands something over)
    r"(?:claim|release|retrieval)\s+(?:code|codes|pin)|abhol(?:nummer|-?code|-?pin|schein-?nummer)|"
    r"(?:num[ée]ro|code)\s+de\s+retrait|n[°º]\s+de\s+retrait|"
    r"(?:c[óo]digo|n[úu]mero)\s+de\s+(?:recogida|retirada|recolha|levantamento)|"
    r"(?:codice|numero)\s+di\s+ritiro|ophaal(?:code|nummer)|afhaal(?:code|nummer)|"
    r"(?:kod|numer)\s+(?:do\s+)?odbioru|upph[äa]mtnings(?:kod|nummer)|h[äa]mtningskod|afhentnings(?:kode|nummer)|"
    r"hentekode|hentenummer|noutokoodi|teslim\s+alma\s+kodu|kod\s+vyzvednutí|"
    r"受取番号|受け取り番号|受取コード|取件码|取件碼|取货码|取貨碼|수령\s?번호|수령\s?코드|픽업\s?코드)"
    r"(?![\w-])[^\S\n]*(?:\([^()\n]{0,25}\)[^\S\n]*)?(?:(?:is|was|ist|lautet|est|es|è|é|är|er|to|je|on)\b[^\S\n]*)?"
    r"[:：=#]?[^\S\n]*[\"'«“‘]?" + _PICKUP_VALUE)
_PICKUP_GATE = frozenset("collection pickup pick up claim release retrieval abholnummer abholcode abholpin "
                         "abholscheinnummer abhol retrait recogida retirada recolha levantamento ritiro ophaalcode "
                         "ophaalnummer afhaalcode afhaalnummer odbioru upphämtningskod upphamtningskod "
                         "upphämtningsnummer hämtningskod hamtningskod afhentningskode afhentningsnummer hentekode "
                         "hentenummer noutokoodi teslim vyzvednutí".split())
_PICKUP_IN_SCRIPTS = re.compile(r"受取番号|受け取り番号|受取コード|取件|取货|取貨|수령|픽업")

# A made-up value the writer types, enters or logs in with, said in its sentence to fail or to be how they get in
# ("I'm entering Hazel1987 and it won't accept it", "It keeps saying incorrect even though I'm typing Rosie2014",
# "use 'Tuesday99' to log in", "ich gebe Sommer2021 ein und es geht nicht", "je tape Soleil2020 et ça ne marche
# pas", "pongo Luna2020 y no entra", "wpisuję Kotek2020 i nie działa"): the verb, "in" or "it as", then the value
_TYPED_VALUE = re.compile(
    r"(?i)(?<![\w-])(?:typ(?:e|es|ed|ing)|enter(?:s|ed|ing)?|put(?:ting)?\s+in|input(?:ting)?|us(?:e|es|ed|ing)|"
    r"(?:log(?:ged|ging)?|sign(?:ed|ing)?)\s+in\s+with|rejects?|rejected|rejecting|accepts?|refuses?|"
    r"gebe|gab|tippe|tippte|eingegeben|tape|tapé|tapant|saisis|saisi|rentre|mets|pongo|puse|escribo|meto|"
    r"introduzco|metto|scrivo|inserisco|digito|typ|tik|ik\s+voer|vul|coloco|ponho|escrevo|wpisuj[eę]|wpisa[łl]\w*|"
    r"wprowadzam|skriver|skrev|taster|yazıyorum|giriyorum)"
    r"[^\S\n]+(?:in[^\S\n]+|it[^\S\n]+as[^\S\n]+)?[\"'“‘]?(?P<value>[^\s\"'“”‘’,;()]{6,40}?)[\"'”’]?"
    r"(?=[.!?,;)]*(?:\s|$))")
# What a typed value was typed as, when it is no password: "I typed in ORD-2291884 as the order number"
# a value then what else it is: "Harbor$2231 is the room booking", "… was your order reference"
_NAMED_AS_ANOTHER_THING_AFTER = re.compile(
    r"(?i)\s+(?:is|was)\s+(?:the|my|your|our|a|an)\s+(?:[\w-]+\s+){0,2}(?:booking|reservation|reference|ref|order|"
    r"ticket|invoice|case|serial|model|sku|part)\b")
_AS_A_REFERENCE_AFTER = re.compile(
    r"(?i)\s+as\s+(?:the|my|your|an?)\s+(?:[\w-]+\s+)?(?:number|no\.?|reference|ref|id|code)\b")
_TYPED_FAILS = re.compile(
    r"(?i)(?<![\w-])(?:(?:doesn['’]?t|does\s+not|won['’]?t|will\s+not|didn['’]?t|did\s+not|isn['’]?t|not|never|"
    r"can['’]?t|cannot|wouldn['’]?t|would\s+not|couldn['’]?t|could\s+not)\s+(?:work|working|accept\w*|"
    r"let\s+(?:me|you|us|them|him|her)|go|going|take|taking|log|sign|get)|incorrect|wrong|"
    r"invalid|rejects?|rejected|fails?|failed|failing|locks?\s+me\s+out|locked|says\s+no|nothing\s+happens|denied|"
    r"error|to\s+(?:log|sign)\s+in|to\s+get\s+in|to\s+unlock|geht\s+nicht|funktioniert\s+nicht|klappt\s+nicht|falsch|"
    r"ne\s+marche\s+pas|ne\s+fonctionne\s+pas|refus[ée]|no\s+(?:entra|funciona|va|me\s+deja|sirve)|incorrecta|"
    r"non\s+(?:funziona|va|entra)|errata|sbagliata|werkt\s+niet|klopt\s+niet|fout|n[ãa]o\s+(?:entra|funciona|vai)|"
    r"errada|nie\s+(?:działa|dziala|przechodzi|wchodzi)|błędne|bledne|fungerar\s+inte|virker\s+ikke|çalışmıyor|"
    r"kabul\s+etmiyor|hatalı)(?![\w-])")
_VALUE_TYPED_GATE = frozenset("type types typed typing enter enters entered entering put putting input inputting use uses used "
                        "using logged logging log signed signing sign reject rejects rejected rejecting accept accepts "
                        "refuse refuses gebe gab tippe tippte eingegeben tape tapé tapant saisis saisi rentre mets pongo "
                        "puse escribo meto introduzco metto scrivo inserisco digito typ tik voer vul coloco ponho escrevo "
                        "wpisuję wpisuje wpisałem wpisałam wpisalem wpisalam wprowadzam skriver skrev taster yazıyorum "
                        "giriyorum".split())

# A log-in written as a mailbox and its password, with a colon, a bar or a space between ("login is
# fam.garcia@gmail.com : Garcia2023", "creds are bob@corp.com:Winter2024!", "jane.doe@outlook.com Summer2023! (that's
# my login)"): a made-up value right after the address, with a log-in word in its sentence or the ones beside it
_LOGIN_GATE_WORDS = frozenset("login logins log sign signin creds credentials account acct password pw pwd pass passwd "
                              "username user".split())
_EMAIL_THEN_VALUE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w.-])[^\S\n]*(?:[:|;]|(?<=\s))[^\S\n]*[\"'“‘]?"
    r"(?P<value>[^\s\"'“”‘’,;()<>@]{6,40}?)[\"'”’]?(?=[.!?,;)]*(?:\s|$))")


# A Wi-Fi password named as its code ("code wifi : …", "código del wifi …", "codice wifi …", "wifi-koden er …"): kept
# out of the password words, whose gate would then hold "code" and "kod" and look for every password word abroad in
# each text that names any code
_WIFI_CODE = re.compile(
    r"(?i)(?<![\w-])(?:(?:code|c[óo]digo|codice)\s+(?:du\s+|del\s+|de\s+la\s+|della\s+)?wi-?fi|"
    r"wi-?fi-?(?:kod|koden|kode|koodi))(?![\w-])[^\S\n]*(?:[:=]|(?:est|es|è|är|er|on|is)(?![\w-]))?[^\S\n]*:?[^\S\n]*"
    r"[\"'“‘«]?(?P<value>[^\s\"'“”‘’«»,;]{6,64}?)[\"'”’»]?(?=[.!?,;)]*(?:\s|$))")

# A code named by what it opens in Vietnamese and Indonesian ("Mã cửa là 4471", "kode pintu 4471", "kode brankas …");
# not a shop's ("mã cửa hàng"), nor a year
_LOCK_CODE_LATIN_ASIA = re.compile(
    r"(?i)(?<![\w-])(?:mã\s+(?:cửa(?!\s+hàng)|cổng|khóa|khoá|két)|kode\s+(?:pintu|gerbang|brankas|gembok|kunci|loker|"
    r"alarm))(?:\s+[^\W\d_]+){0,3}?\s*(?:là|adalah|:)?\s*(?P<value>(?!(?:19|20)\d\d\b)\d{4,8}[#*]?)(?![\w-])")
_LOCK_CODE_LATIN_ASIA_GATE = frozenset("mã kode".split())


# -- secrets found from unseen.jsonl (the ninth round) ---------------------------------------------------------------
# A code word in any language, its owner's word right before it, and its digits right after: "mein Code 4719 geht
# nicht mehr", "my code 5521 stopped working", "mi código 8830 no funciona"
_CODE_WORD_ANY = r"(?:codes?|pin|pin-?code|c[óo]digo|codice|kod|kodu|kode|koden|koodi|koodini|k[óo]d|otp)"
_CODE_OWNED = re.compile(
    r"(?i)(?<![\w-])(?:my|mein|meine|meinen|mon|ma|mi|mio|il mio|meu|o meu|mijn|mój|moj|mój|min|mitt|mit|minun|"
    rf"benim|our|unser|notre|nuestro|nostro|nosso|onze|nasz)\s+{_CODE_WORD_ANY}(?![\w-])\s*:?\s*"
    rf"(?P<value>{_CODE_DIGITS})(?![\w/]|[.,:-]\d)")
# A code word and, right after it, digits read out one by one or in two threes, the shapes codes are given in
# ("(codice 1 9 0 7)", "kod 582 914 przeszedł", "OTP 447 129"): no postcode, phone or order number is written so
_CODE_SHAPED_AFTER = re.compile(
    rf"(?i)(?<![\w-])(?P<before>\w+\s+)?{_CODE_WORD_ANY}(?![\w-])[^\S\n]*[:(]?[^\S\n]*"
    r"(?P<value>\d(?: \d){3,7}|\d{3} \d{3})(?![\w/]|[.,:-]\d| \d)")
# A lock's, keypad's or code's digits in brackets later in its clause: "the smart lock code they gave us (0517) is
# still active", "il codice che ci hanno dato (4471)"
_CODE_IN_BRACKETS = re.compile(
    rf"(?i)(?<![\w-])(?P<before>\w+\s+)?(?:{_CODE_WORD_ANY}|keypad|lockbox|lock ?box|key ?safe|combo|combination)"
    r"(?![\w-])[^.!?\n()\d]{0,40}\((?P<value>\d{4,8}[#*]?)\)")
# What a bracketed code opens, between its word and the bracket: a year-shaped value there is the code ("the code
# for the shower block instead (1945)", "le code du portail (2019)"), not a year as after an event's name
_FOR_A_LOCKED_PLACE = re.compile(
    rf"(?i)\b(?:for|to|of|on|into|du|de|des|für|zum|zur|del|della|van|voor)\s+(?:[\w'’-]+\s+){{0,2}}"
    rf"(?:{cues.pattern(cues.LOCK_WORDS)}|block|shed|toilets?|bathroom|showers?|changing\s+rooms?|entrance|lift|"
    r"store\s?room|cabin|hut|flat|apartment|building|alarm|safe|vault|cellar|basement|loft|compound|bike\s+store|"
    r"portail|porte|local|tor|tür|keller|puerta|portón|cancello|poort|deur)(?![\w-])")
_CODE_AFTER_GATE = frozenset(
    "code codes pin pincode pin-code código codigo codice kod kodu kode koden koodi koodini kód otp keypad lockbox "
    "lock box safe combo combination".split())
# A Wi-Fi network as its QR code holds it: "WIFI:S:Home;T:WPA;P:oatmeal-Raisin-447;;" (the key after P:)
_WIFI_QR = re.compile(r"(?i)\bWIFI:(?:[^;\s]*;)*?P:(?P<value>(?:\\.|[^;\\])+);")
# What someone types to log in, on the lines after "this is what I'm typing:": a user name alone on one line and a
# made-up value alone on the next
_TYPED_LINES = re.compile(
    r"(?i)\b(?:typing|typed|type|entering|entered|enter|using|use|login|log in with|credentials|creds|"
    r"tippe|eingegeben|tape|tapé|escribo|escribí|digito|digitei|scrivo|inserisco|typ|wpisuję|wpisałem)"
    r"\b[^\n]{0,20}:[ \t]*\r?\n[ \t]*(?P<user>[\w.@+-]{3,64})[ \t]*\r?\n[ \t]*(?P<value>\S{6,64})[ \t]*(?=\r?\n|$)")
# A security answer quoted right after its word: 'question was "our street" and answer "maplewood22"'
_ANSWER_QUOTED = re.compile(
    r"(?i)(?<![\w-])(?:answers?|respuesta|réponse|reponse|antwort|risposta|resposta|antwoord|odpowiedź|odpowiedz|"
    r"svar|svaret|vastaus|cevap|cevabı)(?![\w-])\s*(?:(?:is|was|es|est|ist|è|é|is|to|är|er|on)\s+)?:?\s*"
    r"[\"“'](?P<value>[^\"“”'\n]{2,40})[\"”']")
_TYPED_GATE = frozenset("typing typed type entering entered enter using use login log credentials creds tippe "
                        "eingegeben tape tapé escribo escribí digito digitei scrivo inserisco typ wpisuję "
                        "wpisałem".split())
_TRIED_WITH_GATE = frozenset(
    "provo provato probé probado intenté intentado probando essayé essaye versucht probiert tentei tentado geprobeerd "
    "probeer próbowałem próbowałam próbuję försökte provade prøvde prøvede yritin denedim zkoušel".split())
_ANSWER_GATE = frozenset(
    "answer answers respuesta réponse reponse antwort risposta resposta antwoord odpowiedź odpowiedz svar svaret "
    "vastaus cevap cevabı".split())
# Some words of a wallet's recovery (seed) phrase listed after it: "first words of my recovery phrase are: orbit,
# lemon, tunnel, crisp, velvet" (each a single word, between commas or numbered)
_SEED_LIST = re.compile(
    r"(?i)\b(?:recovery|seed|secret|mnemonic|backup|wallet)\s+(?:phrase|words)\b[^.!?\n:]{0,30}(?::|\bare\b|\bis\b)"
    r"\s*(?P<value>(?!_SMALL)[a-z]{3,8}(?:\s*[,;]\s*(?!_SMALL)[a-z]{3,8}){3,23}|"
    r"\d{1,2}[.)]\s*[a-z]{3,8}(?:[\s,;]+\d{1,2}[.)]\s*[a-z]{3,8}){3,23})(?![\w-])"
    # (a seed word is no small word of a sentence: "…, tundra, the app lost it" ends before "the")
    .replace("_SMALL", r"(?:the|and|but|then|that|this|its|it|my|you|your|are|was|not|all|so|pls|please)\b"))
# The same words apart by spaces alone, after the phrase's name or "my 12 words" and ":", "is", "start with" ("… asked
# for my recovery phrase and I gave it: harbor velvet …", "my 24 words start with orbit canyon …"): five or more
# words of three to eight letters, none a small word of a sentence (a phrase described goes on with "you", "to" …)
_SEED_SMALL = (r"(?:the|and|but|then|that|this|its|it|my|you|your|are|was|were|not|all|so|pls|please|with|"
               r"from|for|have|has|had|what|when|where|which|who|why|how|can|will|would|should|could|did|does|"
               r"don|just|also|only|very|much|more|some|any|they|them|their|there|here|been|being|into|onto|"
               r"over|under|about|after|before|again|still|need|needs|want|make|get|got|use|used|like|never|"
               r"always|keep|kept|stored|written|saved|safe|random|words?|phrase|wallet|app)\b")
_SEED_SMALL_WORD = re.compile(r"(?i)\b" + _SEED_SMALL)
_SEED_SPACED = re.compile(
    r"(?i)\b(?:(?:recovery|seed|secret|mnemonic|backup|wallet)\s+(?:phrase|words)|(?:12|24|twelve|twenty-four)\s+"
    r"(?:seed\s+|recovery\s+|backup\s+)?words)\b[^.!?\n:]{0,30}?(?::|\b(?:are|is|starts?\s+with|begins?\s+with)\b)"
    r"\s*(?P<value>(?!_SMALL)[a-z]{3,8}(?:[^\S\n]+(?!_SMALL)[a-z]{3,8}){4,23})(?![\w-])"
    .replace("_SMALL", _SEED_SMALL))
# (a text with none of these words cannot hold what _more_secrets looks for)
# (with _CODE_AFTER_GATE on texts with four digits or more, _TYPED_GATE on texts of several lines)
_MORE_SECRETS_GATE = _ANSWER_GATE | _TRIED_WITH_GATE | _SEED_GATE | frozenset({"phrase", "wifi"})
# A passphrase is several words: "wallet passphrase is correct horse battery staple", '"…" is fine as a passphrase'
# (each match holds "phrase": a text without it is not searched, see _may_hold)
_PASSPHRASE_PARTS = ("phrase",)
_PASSPHRASE = re.compile(
    r"(?i)\b(?:pass ?phrase|seed phrase|recovery phrase)\s*(?:is|was|:|=)\s*(?P<value>[a-z]+(?: [a-z]+){2,11})\b"
    r"|(?P<quoted>\"[^\"\n]{8,80}\"|“[^”\n]{8,80}”)\s+(?:[\w']+\s+){0,3}?(?:as\s+)?(?:a|my|the|your)\s+pass ?phrase")
# "tried logging in with hunter2hunter2", "attempts with …"
# (each match holds a login or attempt word and "with" or "using")
_LOGIN_ATTEMPT_PARTS = ("log", "sign", "attempt", "tried")
_LOGIN_ATTEMPT_WITH_PARTS = ("with", "using")
_LOGIN_ATTEMPT = re.compile(
    r"(?i)\b(?:log(?:ging|ged)?\s*in|sign(?:ing|ed)?\s*in|attempts?|tried)\s+(?:as\s+[\w.@+-]{2,64}\s+)?"
    r"(?:with|using)\s+"
    r"(?:(?:the|my)\s+)?(?:password\s+)?(?P<value>[^\s\"'“”,;]{6,64})")
# the same in the other languages: "provo con …", "probé con …", "j'ai essayé avec …", "versucht mit …"
_LOGIN_ATTEMPT_ABROAD = re.compile(
    r"(?i)\b(?:(?:provo|provato|probé|probado|intenté|intentado|probando|essayé|essaye|versucht|probiert|tentei|"
    r"tentado|geprobeerd|probeer|próbowałem|próbowałam|próbuję|försökte|provade|prøvde|prøvede|yritin|denedim)\s+"
    r"(?:con|avec|mit|com|met|z|med|ile)|zkoušel\s+jsem)\s+(?P<value>[^\s\"'“”,;]{6,64})")
# "admin / Tr0ub4dor&3 is what's on the sticker but the router login page rejects it": a user name and a made-up
# value with a slash between them, a login word in the same sentence
_SLASH_PAIR = re.compile(
    r"(?<![\w/.:@-])[\"“]?(?P<user>[A-Za-z][\w.@+\-]{1,63})[\"”]?\s*/\s*[\"“]?(?P<value>[^\s/\"'“”()]{6,64}?)"
    r"[\"”]?[.,;:!?)]*(?=\s|$)")
_ITS_A_VALUE = re.compile(r"(?i)(?<![\w'’])it['’]?s\s+(?P<value>(?=[^\s]*\d)(?=[^\s]*[a-z])[A-Za-z0-9!#$%&*+=?@^_~.-]{6,40}"
                          r"(?<![.!?]))(?=\s*[,;!?]|\.(?:\s|$)|\s+(?:btw|fyi|lol|what|and|but|so|if)\b|\s*$)")
_LOGIN_FAILING = re.compile(r"(?i)\b(?:won['’]?t|can['’]?t|cannot|doesn['’]?t|didn['’]?t|not)\s+(?:let\s+me\s+)?"
                            r"(?:log\s*(?:me\s+)?in|login|sign\s*in|accept\s+(?:it|my\s+password))|\blocked\s+out\b|"
                            r"\breset\s+it\b|\bpassword\b")
_LOGIN_CONTEXT = re.compile(
    r"(?i)\b(?:log(?:ging|ged)?[ -]?in|login|sign(?:ing|ed)?[ -]?in|router|admin|credentials|creds|password|passwd|"
    r"pw|pwd|user ?name|account|wi-?fi|portal|dashboard|rejects?|rejected|locked(?: (?:me|us|him|her|them))? out|"
    r"access)\b")
# A quoted value after a password word, a few words saying whose or which one, and "is": 'the pickup password for Mia
# at nursery is 'strawberry tractor'', 'the collection password on file is "strawberry tractor"' (ordinary words are
# a password too when quoted as one; states and errors are not: "is 'incorrect'")
_QUOTED_AFTER_NAMED_PASSWORD = re.compile(
    r"(?i)\b(?:password|passcode|passphrase|pass\s+word|safe\s?word|code\s?word|pickup\s+word|collection\s+word)s?\b"
    r"(?:[^\S\n]+[^\s\"'“‘.!?:;,][^\s\"“‘.!?:;,]{0,19}){0,6}?[^\S\n]+(?:is|was|will\s+be|is\s+still|is\s+now)[^\S\n]*:?[^\S\n]*"
    r"(?:\"(?P<v1>[^\"\n]{3,40})\"|'(?P<v2>[^'\n]{3,40})'|“(?P<v3>[^”\n]{3,40})”|‘(?P<v4>[^’\n]{3,40})’)")
# Values tried at a login without quotes: "locked me out again. tried Summer2025! and Summer2025!! neither works" (each
# of three kinds of character at least: small letters, capitals, digits, symbols)
_TRIED_UNQUOTED = re.compile(
    # ("tried my usual sunflower1988 and Sunflower1988!")
    r"(?i)\btried\s+(?:both\s+|with\s+|my\s+usual\s+|my\s+old\s+|the\s+old\s+)?(?P<values>[^\s\"'“”,;]{6,64}"
    r"(?:\s*(?:,|and|or|then|/)\s*[^\s\"'“”,;]{6,64}){0,3})")
# a pair referred back ("its …", "it was CinePass: …", "here: …") at the start of its sentence
_TRIED_GATE = frozenset({"tried"})
_REFERRED_PAIR = re.compile(r"(?i)(?:^|[.!?\n]\s*)(?:it['’]?s|it\s+is|it\s+was|here(?:\s+it\s+is)?|that['’]s)\b[^.!?\n]{0,20}$")
_ACCOUNT_NAMES = frozenset("admin administrator root user guest pi ubnt support operator".split())
# 'cant login. tried "maplesyrup" and "Maplesyrup1", both rejected': quoted values someone tried
# (each match starts with one of these words, whole, and holds a quote)
_ATTEMPT_VERBS = frozenset("tried try trying typed typing entered entering used using attempted put input".split())
_QUOTED_ATTEMPTS = re.compile(
    r"(?i)\b(?:tried|try|trying|typed|typing|entered|entering|used|using|attempted|put in|input)\s+"
    r"(?:(?:both|all|each|with|the|passwords?|pw|combos?)\s+){0,2}:?\s*"
    r"(?P<values>(?:\"[^\"\s]{3,64}\"|“[^”\s]{3,64}”|'[^'\s]{3,64}')"
    r"(?:\s*(?:,|and|or|then|/|,\s*and|,\s*then)\s*(?:\"[^\"\s]{3,64}\"|“[^”\s]{3,64}”|'[^'\s]{3,64}')){0,5})")
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”|'([^']+)'")
_PIN_BEFORE_GATE = frozenset({"code", "otp", "passcode"})
_PIN_GATE_WORDS = frozenset({"pin", "pincode", "nip", "puk", "alarm", "door", "gate", "building", "entry", "keysafe", "lobby",
                             "key", "lockbox", "garage", "entrance", "access", "keypad", "safe", "padlock", "buzzer",
                             "voicemail", "sim", "mpin", "tpin"})
_CVV_GATE_WORDS = frozenset(
    "cvv cvc cvn csc cid security card código codigo kartenprüfnummer kartenprufnummer prüfnummer prufnummer "
    "sicherheitscode cryptogramme sécurité securite segurança seguranca sicurezza beveiligingscode kod "
    "säkerhetskod sakerhetskod kontrolnummer kontrollsiffer turvakoodi güvenlik guvenlik セキュリティコード "
    "セキュリティーコード 보안코드 보안 الأمان الامان ورا خلف ظهر".split())
_OTP_GATE_WORDS = frozenset(
    "otp tac one fa mfa two step verification verify authentication authenticator auth sms text texted login log sign "
    "signin access código codigo bestätigungscode bestatigungscode code vérification verificacion".split())
# the other languages' words for a one-time code (privacy_cues.OTP_WORDS): digits after one are a code
_OTP_ABROAD = re.compile(
    rf"(?i)(?<![\w-])(?P<word>{cues.pattern(cues.OTP_WORDS, cues.abroad(cues.OTP_WORDS))})(?![\w-])"
    rf"[^\d\n]{{0,30}}?(?<![\d./-])(?P<value>{_CODE_DIGITS}|{_CODE_IN_FOURS})(?![\w/]|[.,:-]\d)")
_SHORT_CODE_BEFORE = re.compile(r"(?i)\bshort[ -]?codes?\s*:?\s*$")
_SENT_TO_NUMBER = re.compile(r"(?i)(?<![\w-])(?:au|to|al|an|naar|på|til|do|na|ao|para o)\s+$")
_OTP_ABROAD_GATE = cues.gate(cues.OTP_WORDS, languages=cues.abroad(cues.OTP_WORDS))
_OTP_SENT = re.compile(r"(?i)\b(?:sent|send|texted|text|sms|got|get|received|emailed|e-mailed|enter|entered|typed)\b")
_NOT_OTP_CODE = frozenset(
    "promo promotional discount coupon voucher gift referral zip post postal area country error status qr "
    "source dress tracking confirmation booking reservation reference product item tax sort bank swift "
    "routing exit fault event short branch location zone tariff "
    # a game's code, the same for every player: an escape room's clue, a puzzle's answer, a cheat
    "clue clues puzzle riddle cheat".split())
# a label naming another thing's number right before a value: "… a "verification code". reporting user id 77104418",
# "Trade-in ID TI-2026-44102"
# A booking's word in each language: a code of capitals and digits with one before it or in its sentence is the
# booking's reference ("booking LM-DP-5521", "Για αλλαγές κράτησης … με τον κωδικό BLU-771204")
_BOOKING_WORD = (r"(?:bookings?|reservations?|itinerary|buchung\w*|r[ée]servation\w*|reservas?|prenotazion[ei]|"
                 r"boeking\w*|reservering\w*|rezerwacj\w+|bokning\w*|booking\w*|κράτηση\w*|κρατήσε\w*|κράτησ\w*)")
_BOOKING_REFERENCE = re.compile(r"[(\[]?[A-Z]{2,4}(?:-[A-Z]{2,4})?-\d{4,10}[)\].,;]?")
_BOOKING_WORD_NEAR = re.compile(rf"(?i)(?<![\w-]){_BOOKING_WORD}(?![\w-])")
_BOOKING_WORD_RIGHT_BEFORE = re.compile(rf"(?i)(?<![\w-]){_BOOKING_WORD}\s+(?:con|with|mit|avec|com|met)\s*$")
_ID_LABEL_BEFORE = re.compile(rf"(?i)\b(?:id|ids|user\s?id|member|ref|reference|number|no|{_BOOKING_WORD})\W{{0,3}}$")
# a voucher or gift code already spent: nothing left to steal ('Voucher code … says "already redeemed"')
# (or said after, by the writer: "Redeemed already, so whatever", "it was used already"; "it shows as used already"
# is what a system claims of a code still disputed)
_SPENT_CODE = re.compile(r"(?i)\b(?:(?:already|been)\s+(?:redeemed|used|claimed|spent)|"
                         r"(?:(?<![^.!?\s])(?<!\w\s)|(?:was|were|is|got)\s+)(?:redeemed|used|claimed|spent)\s+already)\b")
_OTP_CONTEXT_NEEDS_CODE = frozenset({
    "verification", "verify", "authentication", "authenticator", "auth", "sms", "text", "texted", "login",
    "log-in", "signin", "sign-in", "sign in", "access"})
_WEAK_VALUES = frozenset(
    "not wrong incorrect correct invalid expired too the my your a an same still being been now required case "
    "right fine ok okay different long short weak strong saved changed reset locked blocked working broken "
    "missing gone new old set also just really very always never stored visible shown accepted rejected "
    "compromised leaked stolen hacked field requirement requirements reset manager protected policy rules "
    "hint recovery change changes please pls help issue problem error see sent check dm dms in on below above "
    "attached none n/a na tbd "
    # (Hinglish after "password hai/tha": "nahi" (not), "kya" (what), "purana" (old), "yaad" (remembered) …)
    "nahi nahin nhi kya kyu kyun kaise kaha kahan purana purani naya nayi yaad galat sahi bhool bhul mujhe mera "
    "meri tera teri kuch bhi wahi wohi abhi "
    # (a password's state in the other languages: "la contraseña sigue siendo incorrecta", "ist abgelaufen")
    "incorrecta incorrecto errónea erronea inválida invalida caducada bloqueada falsch ungültig abgelaufen gesperrt "
    "incorrecte invalide expiré expirée bloqué bloquée errata sbagliata scaduta bloccata incorreta expirada".split())


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
        # the fewest digits of a valid number of the default region (phonenumbers' metadata): shorter runs are not
        # given to its matcher, which finds only valid numbers there (or "+" numbers)
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(self.default_region)
        general = metadata.general_desc if metadata is not None else None
        lengths = general.possible_length if general is not None else None
        self._shortest_phone: int = max(7, min(lengths)) if lengths else 7
        allow = settings["allow_list"]
        self._allowed_phones = frozenset(_e164(p, self.default_region) for p in allow["phones"])
        # their national numbers' digits: a value that ends with none of them is no brand number (not parsed)
        self._allowed_phone_tails = tuple(str(phonenumbers.parse(number).national_number)
                                          for number in self._allowed_phones if number)
        self._allowed_emails = frozenset(e.strip().lower() for e in allow["emails"])
        self._allowed_domains = tuple(d.strip().lower() for d in allow["domains"])
        self._allowed_urls = tuple(re.sub(r"(?i)^https?://(?:www\.)?", "", u.strip()).lower() for u in allow["urls"])
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
        _forget_parses()
        return self._find(text, None)

    def explain(self, text: str) -> list[Finding]:
        """Every decision on text: the findings, and the contact details left alone as public (a brand's,
        a role mailbox, a toll-free number, a business address), whose rule starts with "allow."."""
        dismissed: list[Finding] = []
        _forget_parses()
        findings = self._find(text, dismissed)
        public = [d for d in _resolve(dismissed) if all(d.end <= f.start or f.end <= d.start for f in findings)]
        return sorted(findings + public, key=lambda f: (f.start, f.end))

    def mask_value(self, finding: Finding, text: str) -> str:
        """How `mask` writes one finding of text (what `privacy scan --explain` shows instead of the value)."""
        return self._mask_value(finding, text[finding.start:finding.end])

    def _find(self, text: str, dismissed: list[Finding] | None, in_words: bool = False) -> list[Finding]:
        """in_words: text is a copy with number words read as digits (see _numbers_in_words)."""
        if not text:
            return []
        plain = text.isascii()
        scan = text if plain else _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)
        # every link has a "/" ("https://", "acme.com/x") or starts "www."
        links = [(m.span(), self._brand_url(m.group())) for m in _URL.finditer(scan)
                 if not _PHONE_LINK.match(m.group()) or self._brand_url(m.group())] \
            if "/" in scan or "www." in scan.lower() else []
        urls = [span for span, _ in links]
        blanked = scan
        for start, end in urls:
            blanked = blanked[:start] + _BLANK * (end - start) + blanked[end:]
        phone_text = blanked  # (phones are read with their particles: their allowances read the text as written)
        if not plain and _GLUED_PARTICLE.search(blanked):
            blanked = _GLUED_PARTICLE.sub(lambda m: " " * len(m.group()), blanked)
        candidates: list[Finding] = []
        # Most rules need some digits or one of a few words: counting and collecting those once spares most
        # texts most rules.
        digits = _digits_in(blanked)
        words = _words_of(blanked)
        if not words.isdisjoint(_GLUED_ID_NAMES):  # "CNIC-35202-…", "SSN_078-05-1120": its name, then the value
            blanked = _GLUED_ID_NAME.sub(r"\g<name> ", blanked)
        has_digit = digits > 0
        if has_digit:
            candidates += self._ibans(blanked)
            if "iban" in words:
                candidates += self._ibans_named_in_pieces(blanked)
            if digits >= 13:
                candidates += self._cards(blanked)
                if not words.isdisjoint(_CARD_PIECES_GATE) or _CARD_WORDS.search(blanked):
                    candidates += _cards_in_pieces(blanked)
            if digits >= 8 and not words.isdisjoint(_CARD_PART_GATE) and \
                    (_CARD_WORDS.search(blanked) or _CARD_EXPIRY.search(blanked)):
                candidates += [Finding("card", *m.span("value"), 0.6, "split", rule="card.split_part")
                               for m in _CARD_PART.finditer(blanked) if not _DATE_LIKE_PREFIX.match(m.group("value"))
                               and not re.fullmatch(r"(?:19|20)\d\d[ -]?(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])",
                                                    m.group("value"))]
            if digits >= 6:
                id_words = words
                if not blanked.isascii() and _UNSPACED_ID_NAMES.search(blanked):  # (身份证号 inside a run of letters)
                    id_words = words | _UNSPACED_ID_GATE
                candidates += self._national_ids(blanked, not id_words.isdisjoint(_ID_GATE_WORDS), id_words)
                # (or a bank's one-word name: "GTBank", "Rabobank"; the words are the lower-cased text's, so one
                # substring test spares most texts the loop over them)
                if not words.isdisjoint(_BANK_GATE_WORDS) or \
                        "bank" in blanked.lower() and any(word.endswith("bank") for word in words) or \
                        not blanked.isascii() and any(sign in blanked for sign in _ACCOUNT_CJK_SIGNS) or \
                        not blanked.isascii() and any(sign in blanked.lower() for sign in _BANK_NAME_ABROAD_SIGNS):
                    candidates += self._bank_accounts(blanked, words)
            elif digits >= 4 and _PAN_SHAPE.search(blanked):  # (a PAN has four digits: only its rules)
                candidates += self._national_ids(blanked, not words.isdisjoint(_ID_GATE_WORDS), words, _PAN_RULES)
            elif digits == 5 and not words.isdisjoint(_MBI_GATE):  # (a Medicare MBI has five digits)
                candidates += self._national_ids(blanked, True, words, _MBI_RULES)
            if 2 <= digits < 6 and not words.isdisjoint(_NHI_GATE):  # (a NZ NHI number has two or four digits)
                candidates += self._national_ids(blanked, True, words, _NHI_RULES)
            if digits >= 3:
                candidates += self._secrets(blanked, words, digits)
            elif not words.isdisjoint(_ALNUM_CODE_GATE):  # ("code Q7-K2-PX": a code may hold two digits)
                candidates += self._alphanumeric_codes(blanked)
            # ("the code for your locking wheel nut key is R-52": a key's code may hold two digits)
            if not words.isdisjoint(_KEY_CODE_GATE) and not words.isdisjoint(_LOCK_CODE_GATE):
                candidates += [Finding("secret", *m.span("value"), 0.8, "code", rule="secret.lock_code")
                               for m in _KEY_CODE.finditer(blanked)
                               if not _NOT_A_SECRET_CODE.search(blanked, m.start(), m.end("between"))]
            # (a code of letters may hold two digits: "x7kHp2mQ"; it has a letter beside a digit, or a dash between)
            if not words.isdisjoint(_MIXED_CODE_GATE) and _LETTER_BY_DIGIT.search(blanked):
                candidates += self._mixed_codes(blanked)
            if not words.isdisjoint(_DOB_GATE_WORDS) or "turned" in words or "turns" in words or \
                    not text.isascii() and _DOB_LATER_SCRIPTS.search(blanked):
                candidates += self._dates_of_birth(blanked)
            if "*" in blanked and ("†" in blanked or "(*" in blanked):  # "Heinrich Lang, * 12.04.1938, † …"
                candidates += [Finding("date_of_birth", *m.span("date"), 0.85, "date_of_birth", rule="dob.birth_sign")
                               for m in _BIRTH_SIGN.finditer(blanked) if _plausible_date(m.group("date"))]
            address_words = not words.isdisjoint(_ADDRESS_GATE_WORDS)
            street_ending = None if address_words else _street_ending(words)
            if address_words or street_ending:
                candidates += self._addresses(blanked, words, street_ending)
                candidates += self._po_boxes_and_postcodes(blanked)
            if not blanked.isascii() and _CYRILLIC_STREET_GATE.search(blanked):
                candidates += [Finding("address", m.start(), m.end(), 0.85, "street", rule="address.street_cyrillic")
                               for m in _CYRILLIC_STREET.finditer(blanked) if _cyrillic_home(blanked, m)]
            if blanked.count(",") >= 2:  # (a house, at least one place, and a town before the postcode)
                candidates += self._places_with_postcode(blanked)
            if digits >= 5 and "," in blanked:
                candidates += self._streets_before_postcode(blanked)
            if not words.isdisjoint(_UNIT_GATE_WORDS) and "," in blanked:
                candidates += [Finding("address", *m.span(), 0.8, "street", rule="address.unit_in_building")
                               for m in _UNIT_IN_BUILDING.finditer(blanked)]
            if not words.isdisjoint(_HOUSE_FIRST_GATE) and "," in blanked:
                # ("the rider will deliver to Hse 14, Ngong Rd Apartments Block C, Kilimani, Nairobi", "House 27-B, Block
                # L, Johar Town, Lahore 54782": the house's number first, as East Africa and South Asia write it)
                candidates += [Finding("address", *m.span(), 0.8, "street", rule="address.house_first")
                               for m in _HOUSE_FIRST_ADDRESS.finditer(blanked)
                               if _ADDRESS_STEM.search(blanked, max(0, m.start() - 100), m.start())]
            if "-" in blanked and not words.isdisjoint(_COLOMBIAN_STREET_WORDS):  # ("Cra 15 # 93-47 apto 502")
                candidates += [Finding("address", *m.span(), 0.85, "street", rule="address.colombian")
                               for m in _COLOMBIAN_ADDRESS.finditer(blanked)]
            if "rr" in words:  # ("RR 2 Site 14 Box 9, Warman SK S0K 4S0": a Canadian rural route)
                candidates += [Finding("address", *m.span(), 0.85, "street", rule="address.rural_route")
                               for m in _RURAL_ROUTE.finditer(blanked)]
            if not words.isdisjoint(_QUADRANTS):  # ("3304 17 Ave SW, Calgary": a numbered street in a city's quadrant)
                candidates += [Finding("address", *m.span(), 0.85, "street", rule="address.quadrant_street")
                               for m in _QUADRANT_STREET.finditer(blanked)]
            if "eircode" in words:
                candidates += [Finding("address", *m.span("value"), 0.8, "eircode", rule="address.eircode")
                               for m in _EIRCODE.finditer(blanked)]
            if digits >= 4 and "," in blanked and (not words.isdisjoint(_UNIT_GATE_WORDS) or
                                                   not words.isdisjoint(_ADDRESS_GATE_WORDS)):
                candidates += self._unit_addresses(blanked)
            if not plain and _SCRIPT_ADDRESS_GATE.search(blanked):  # (Japanese, Chinese, Korean, Thai forms)
                candidates += _addresses_in_scripts(blanked)
            if not words.isdisjoint(_LATIN_ASIA_GATE):  # (Vietnamese, Indonesian, Philippine, Indian forms)
                candidates += _addresses_in_latin_asia(blanked, words)
            if not words.isdisjoint(_DOCUMENT_GATE_WORDS) or not plain and _UNSPACED_DOCUMENT_FIRST.search(blanked) and \
                    _UNSPACED_DOCUMENT_GATE.search(blanked):
                candidates += self._documents(blanked, words)
            # (a passport of capitals and digits mixed has three digits or more: "C4J7R2VN8")
            if digits >= 3 and not words.isdisjoint(_ID_REFERRED_GATE) and not words.isdisjoint(_REFERRING_WORDS):
                candidates += self._ids_referred(blanked)
            if digits >= 7 and "id" in words and _KENYAN_SIGN.search(blanked):
                # a Kenyan national id: seven or eight digits, no public check, after "ID" in a Kenyan text ("ID 63908380
                # and M-Pesa line …", "replacement ID, new number is …"); not a customer's, a user's or an order's id
                candidates += [Finding("national_id", *m.span("value" if m.group("value") else "later"), 0.8, "ke_id",
                                       rule="id.kenyan_after_id")
                               for m in _KENYAN_ID.finditer(blanked)
                               if not _NOT_A_PERSONS_ID.search(blanked, max(0, m.start() - 20), m.start())]
            if digits >= 6 and not words.isdisjoint(_SPLIT_GATE_WORDS) and (
                    not words.isdisjoint(_SPLIT_CUE_WORDS) or _IBAN_HEAD_ALONE.search(blanked)):
                candidates += self._split_values(blanked)
            if digits >= 14 or digits >= 8 and "/" in blanked:  # (a Czech account: "2000145399/0800")
                candidates += self._accounts_by_shape(blanked, digits)
            if not words.isdisjoint(_LABELLED_SECRET_GATE):
                candidates += self._labelled_secrets(blanked)
            if not words.isdisjoint(_SET_OFF_SECRET_GATE):
                candidates += self._secrets_set_off(blanked)
            if not words.isdisjoint(_PASSWORD_NEAR_WORDS) or not words.isdisjoint(_CODE_NEAR_WORDS) or \
                    _may_hold(blanked, _NEAR_PHRASE_PARTS) and (_PASSWORD_NEAR_PHRASES.search(blanked) or
                                                                _CODE_NEAR_PHRASES.search(blanked)):
                candidates += self._secrets_near_their_word(blanked, words)
        elif any(symbol in blanked for symbol in _PASSWORD_SYMBOLS) and (
                not words.isdisjoint(_PASSWORD_NEAR_WORDS) or "passe" in blanked and _PASSWORD_NEAR_PHRASES.search(blanked)):
            # (a password of letters and a symbol, no digit: "the password from your last comment, Shandon!bells")
            candidates += self._secrets_near_their_word(blanked, words)
        if digits >= 2:  # (substrings of the lower-cased text first: a regex's search costs more)
            lowered = blanked.lower()
            if any(part in lowered for part in _PASSWORD_PARTS) and _PASSWORD_GATE.search(blanked):
                candidates += self._passwords_set_off(blanked)
                if digits >= 4:  # ("senha do app 482901", "password for the app 482901")
                    candidates += [Finding("secret", *m.span("value"), 0.8, "password", rule="secret.after_cue")
                                   for m in _PASSWORD_OF_A_THING_DIGITS.finditer(blanked)
                                   if m.group("thing").lower() not in _NOT_A_PASSWORDS_THING and
                                   not _REFERENCE_WORDS_EN.fullmatch(m.group("thing")) and
                                   not re.fullmatch(r"(?:19|20)\d\d", m.group("value"))]
            if digits >= 4 and ("pin" in words or any(part in lowered for part in _LOOSE_CODE_PARTS)):
                candidates += self._codes_said_loosely(blanked)
            if digits >= 4 and ("pin" in words or "passcode" in words) and (
                    not words.isdisjoint(_KEYED_IN_GATE) or "typed" in words or "entered" in words):
                candidates += [Finding("secret", *m.span("value"), 0.85, "pin", rule="secret.pin_typed")
                               for m in _PIN_THEN_TYPED.finditer(blanked)]
        # (a secret's word in the text, or a value of letters beside digits changed "to": "I changed it to …")
        if has_digit and (not words.isdisjoint(_CHANGED_GATE_WORDS) and (
                any(part in (lowered if digits >= 2 else blanked.lower()) for part in _CHANGED_SECRET_PARTS) or
                "it" in words and (_LETTER_BY_DIGIT.search(blanked) or _INNER_SYMBOL.search(blanked))) or
                not blanked.isascii() and _CHANGED_IN_SCRIPTS.search(blanked)):
            candidates += self._passwords_changed_to(blanked)
        if not words.isdisjoint(_ANSWER_TOPIC_GATE) and not words.isdisjoint(_ANSWER_TOPIC_NOUNS) and (
                ":" in blanked or "-" in blanked or "—" in blanked or "–" in blanked or "=" in blanked or
                "answer" in words or "maiden" in words):
            candidates += self._answers_by_topic(blanked)
        if digits >= 3 and (not words.isdisjoint(_OPENED_BY_DIGITS_GATE) or not words.isdisjoint(_KEYED_IN_GATE)):
            candidates += self._codes_of_what_they_open(blanked, words)
        if has_digit and ("wifi" in words or "fi" in words):
            for match in _WIFI_CODE.finditer(blanked):
                value = match.group("value").rstrip(".!?")
                if _looks_made_up(value) and re.search(r"\d", value) and not _placeholder(value) and \
                        not re.fullmatch(r"\d{1,5}", value):
                    candidates.append(Finding("secret", match.start("value"), match.start("value") + len(value), 0.85,
                                              "password", rule="secret.after_cue_colon"))
        if digits >= 4 and (  # (lowered: the lower-cased text, made above for two digits or more)
                "code" in lowered or "kod" in lowered or "pin" in words or "otp" in words or "tan" in words or
                "passcode" in words or not words.isdisjoint(_TURKISH_CODE_GATE) or not blanked.isascii() and (
                    "cód" in lowered or "kód" in lowered or "codi" in lowered or "код" in lowered or "mã" in words)):
            candidates += self._codes_before_their_name(blanked, words)
        if digits >= 6 and (not words.isdisjoint(_MESSAGE_GATE) or "sent" in words and "to" in words):
            candidates += self._codes_by_text(blanked)
        if digits >= 4 and not words.isdisjoint(_LOCK_CODE_LATIN_ASIA_GATE):
            candidates += [Finding("secret", *m.span("value"), 0.8, "code", rule="secret.opened_by_digits")
                           for m in _LOCK_CODE_LATIN_ASIA.finditer(blanked)]
        if digits >= 2 and (not words.isdisjoint(_PICKUP_GATE) or
                            not blanked.isascii() and _PICKUP_IN_SCRIPTS.search(blanked)):
            candidates += self._pickup_codes(blanked)
        if digits >= 3 and not words.isdisjoint(_DIGICODE_GATE) and _DIGICODE_SHAPED.search(blanked):
            candidates += self._digicodes(blanked)
        if has_digit and not words.isdisjoint(_VALUE_TYPED_GATE) and (
                _LETTER_BY_DIGIT.search(blanked) or _INNER_SYMBOL.search(blanked)):
            candidates += self._values_typed(blanked)
        if "@" in blanked and has_digit and not words.isdisjoint(_LOGIN_GATE_WORDS):
            candidates += self._mailbox_then_password(blanked)
        if not words.isdisjoint(_MORE_SECRETS_GATE) or digits >= 4 and not words.isdisjoint(_CODE_AFTER_GATE) or \
                "\n" in blanked and not words.isdisjoint(_TYPED_GATE):
            candidates += self._more_secrets(blanked, words, digits)
        candidates += self._cards_in_urls(scan, [span for span, brand in links if not brand])
        if "%40" in scan:
            candidates += self._emails_in_urls(scan, [span for span, brand in links if not brand])
        if urls and "=" in scan and any(word in scan.lower() for word in _SECRET_IN_LINK_WORDS):
            candidates += [Finding("secret", *m.span("value"), 0.85, "token", rule="secret.in_link")
                           for start, end in urls for m in _SECRET_IN_LINK.finditer(scan, start, end)]
        # (the compound test is made once: _passwords wants it too when no other language's word is there)
        compound = None if not words.isdisjoint(_PASSWORD_GATE_WORDS) else _password_compound(words)
        if compound is None or compound or not blanked.isascii() and _UNSPACED_PASSWORD_WORDS.search(blanked):
            candidates += self._passwords(blanked, words, compound)
        elif "one" in words and not words.isdisjoint(_RESET_IT_GATE):  # ("I've reset it, new one is kettle4Moon!")
            candidates += self._passwords_referred(blanked)
        if ("spaces" in words or "@" in blanked and "before" in words) and not words.isdisjoint(_DESCRIBED_GATE):
            # (words with no spaces hold a digit or a symbol: "any phrase with no spaces" is advice)
            candidates += [Finding("secret", *m.span("value" if m.group("value") else "from_email"), 0.8, "password",
                                   rule="secret.described") for m in _PASSWORD_DESCRIBED.finditer(blanked)
                           if m.group("from_email") or re.search(r"[\d!#$%&*+=?@^~]", m.group("value")) and
                           not re.search(r"(?i)\b(?:characters?|chars?|digits?|letters?|words?|symbols?)\b", m.group("value"))]
        if "LPA:" in blanked:  # an eSIM's activation code ("LPA:1$smdp.hopdata.io$K4Q7-ZT2M-88WX-PL3R"): it installs the line
            candidates += [Finding("secret", *m.span(), 0.9, "code", rule="secret.esim_activation")
                           for m in _ESIM_ACTIVATION.finditer(blanked)]
        if has_digit and not words.isdisjoint(_REFERRED_BACK_GATE):
            candidates += self._secrets_referred_back(blanked)
        if digits >= 4 and ("good" in words or "valid" in words or "expires" in words or "runs" in words or
                            "lasts" in words):
            # a code given with how many minutes it lasts: "I've sent it again, it's 583204, good for 10 mins"
            # (named a code or referred back right before: "my space 22817 expires in 5 min" is a booking's)
            candidates += [Finding("secret", *m.span("value"), 0.85, "one_time_code", rule="secret.code_for_minutes")
                           for m in _CODE_FOR_MINUTES.finditer(blanked)
                           if _CODE_OR_IT_BEFORE.search(blanked, max(0, m.start() - 25), m.start()) or
                           _CODE_WORD_BEFORE.search(blanked, max(0, m.start() - 150), m.start())]
        if digits >= 8 and ("puk" in words or "puk1" in words or "puk2" in words):
            candidates += [Finding("secret", *m.span("value"), 0.8, "puk", rule="secret.puk_digits")
                           for m in _PUK_DIGITS.finditer(blanked)
                           if not _REFERENCE_WORDS.search(blanked, max(0, m.start("value") - 30), m.start("value"))]
        if "voicemail" in words and digits >= 4:  # ("voicemail get reset? mine was 8806": its PIN, no code word)
            candidates += [Finding("secret", *m.span("value"), 0.8, "pin", rule="secret.voicemail_pin")
                           for m in _VOICEMAIL_PIN.finditer(blanked)]
        if "here" in words and not words.isdisjoint(_HERE_IT_IS_GATE):
            candidates += [Finding("secret", m.start("value"), m.start("value") + len(value), 0.85, "password",
                                   rule="secret.here_it_is")
                           for m in _HERE_IT_IS.finditer(blanked)
                           for value in [m.group("value").rstrip(".,;:!?)")]
                           if _looks_made_up(value) and not _placeholder(value) and
                           not _NOT_A_SECRET_CODE.search(blanked, max(0, m.start() - 20), m.start())]
        if "\n" in blanked and has_digit:
            candidates += self._secrets_on_the_next_line(blanked)
        if has_digit and "it" in words and _ITS_A_VALUE.search(blanked):
            # "Reset it twice. Still won't log in. It's Tinnie.Bay.2021 btw": a made-up value said to be "it" after a
            # log-in failing in the sentences before
            candidates += [Finding("secret", *m.span("value"), 0.75, "password", rule="secret.its_the_value")
                           for m in _ITS_A_VALUE.finditer(blanked)
                           if _looks_made_up(m.group("value")) and not _placeholder(m.group("value")) and
                           _LOGIN_FAILING.search(blanked, max(0, m.start() - 150), m.start()) and
                           not _REFERENCE_WORDS.search(blanked, max(0, m.start() - 150), m.end())]
        if digits >= 48 and "-" in blanked:
            candidates += [Finding("secret", *m.span(), 0.95, "recovery_code", rule="secret.bitlocker_key")
                           for m in _BITLOCKER_KEY.finditer(blanked)]
        if not words.isdisjoint(_TEMP_WORDS) and not words.isdisjoint(_USER_WORDS):
            for match in _USER_THEN_TEMP.finditer(blanked):
                # (six characters or more, with a letter: "Temp: 21C" is a temperature)
                if len(match.group("value")) >= 6 and re.search(r"[^\W\d_]", match.group("value")) and \
                        _looks_made_up(match.group("value")):
                    candidates += [Finding("secret", *match.span("user"), 0.75, "username", rule="secret.user_then_temp"),
                                   Finding("secret", *match.span("value"), 0.85, "password",
                                           rule="secret.user_then_temp")]
        if digits >= 4 and not blanked.isascii() and _OTHER_SCRIPT_LETTER.search(blanked):
            for match in _SECRET_WORD_OTHER_SCRIPTS.finditer(blanked):
                # (a parcel's pick-up code is named with the parcel: "Код для отримання посилки")
                if (match.group("pickup") or not _NOT_A_SECRET_OTHER_SCRIPTS.search(match.group("between"))) and \
                        not re.fullmatch(r"(?:19|20)\d\d", match.group("value")):
                    candidates.append(Finding("secret", *match.span("value"), 0.85, "code",
                                              rule="secret.other_scripts"))
            if "番号" in blanked or "パスワード" in blanked:
                candidates += [Finding("secret", *m.span("value"), 0.8, "pin", rule="secret.other_scripts")
                               for m in _PIN_NEXT_SENTENCE_JA.finditer(blanked)
                               if not m.group("value").startswith(("0120", "0570", "0800"))]  # (service lines' heads)
        if digits >= 1 and not blanked.isascii() and _OTHER_SCRIPT_LETTER.search(blanked):
            for match in _LATIN_PASSWORD_IN_SCRIPTS.finditer(blanked):
                bare = match.group("value").rstrip(".!?")
                between = blanked[match.start():match.start("value")]
                # (in the word's sentence or the next; not a number labelled so, "工单号 GM-CN-…", "주문번호 …")
                if len(re.findall(r"[。！？!?]|\.\s", between)) <= 1 and \
                        not re.search(r"(?:号|號|番号|번호|编号|單號|订单|注文|заказ\w*|номер)\s*[:：]?\s*$", between) and \
                        "." not in bare and self._made_up_value(bare) and re.search(r"\d", bare) and \
                        not _REFERENCE_WORDS.search(blanked, max(0, match.start("value") - 20), match.start("value")):
                    candidates.append(Finding("secret", match.start("value"), match.start("value") + len(bare), 0.8,
                                              "password", rule="secret.latin_password_in_scripts"))
        if "/" in blanked:
            candidates += self._slash_pairs(blanked)
        if digits >= 20 and ("token" in words or "tokens" in words):  # a prepaid meter's token, unused: worth money
            candidates += [Finding("secret", *m.span("value"), 0.85, "meter_token", rule="secret.meter_token")
                           for m in _METER_TOKEN.finditer(blanked)]
        if not words.isdisjoint(_IN_PASSING_GATE):
            candidates += self._secrets_said_in_passing(blanked)
        if "as" in words and not words.isdisjoint(_USED_AS_GATE):  # "use Finch-7741-Air as a one-off password"
            candidates += [Finding("secret", *m.span("value"), 0.85, "password", rule="secret.used_as")
                           for m in _USED_AS_SECRET.finditer(blanked)
                           if re.search(r"\d", m.group("value")) and (
                               _CODE_DIGITS_ONLY.fullmatch(m.group("value")) if m.group().lower().endswith(("code", "otp"))
                               else _looks_made_up(m.group("value")))]
        if digits >= 4 and not words.isdisjoint(_AS_ITS_CODE_GATE):  # ("mi è arrivato 7714 22 come codice del locker")
            candidates += [Finding("secret", *m.span("value"), 0.8, "code", rule="secret.used_as")
                           for m in _VALUE_AS_ITS_CODE.finditer(blanked)
                           if not _NOT_A_SECRET_CODE.search(blanked, m.end(), min(len(blanked), m.end() + 12)) and
                           not re.fullmatch(r"(?:19|20)\d\d", m.group("value"))]
        if ("answer" in words or "answers" in words) and _SECURITY_QUESTION_TOPIC.search(blanked):
            # "the answer's Biscuit, the dog's name", "the answer they'll want is Buttons. It's asking about your first
            # pet": a capitalised word given as the answer, in a text about a security question
            # (a quoted answer whole, over a key word's rule that stops at its apostrophe: 'uncle bob's boat')
            candidates += [Finding("secret", *m.span(group), 0.9 if group == "quoted" else 0.75, "answer",
                                   rule="secret.security_answer")
                           for m in _THE_ANSWER_IS.finditer(blanked)
                           for group in [next(g for g in ("value", "set_to", "quoted", "set_off") if m.group(g))]
                           if m.group(group).split()[0].lower() not in _NOT_A_NAMED_ANSWER and
                           (group != "set_to" or _looks_made_up(m.group(group)) or m.group(group)[0].isupper())]
        if len(words) >= 12 and len(_bip39_words().intersection(words)) >= 11:
            # twelve to twenty-four words of the BIP-39 list in a row: a wallet's recovery phrase, in any language's
            # sentence ("konsultant poprosił o frazę: lemon saddle orbit …")
            # (one word off the list, mistyped or misremembered, with a wallet's words named in the text)
            candidates += _bip39_phrases(blanked, 1 if _WALLET_WORDS.search(blanked) else 0)
        if "\n" in blanked and ("?" in blanked or not words.isdisjoint(_CHAT_ASK_VERBS)) and \
                not words.isdisjoint(_TRANSCRIPT_SECRET_GATE):
            # a chat pasted as lines: the secret asked for on one line, given alone on the next ("agent: what password
            # are you using?\nme: Tulip!Harbour88")
            candidates += [Finding("secret", *m.span("value"), 0.8, "password", rule="secret.answered_in_chat")
                           for m in _ANSWERED_IN_CHAT.finditer(blanked)
                           if (m.group("value").isdigit() and 4 <= len(m.group("value")) <= 8 or
                               self._made_up_value(m.group("value")) and re.search(r"\d", m.group("value")))]
        if "\n" in blanked and not words.isdisjoint(_LOGIN_LINE_GATE):
            # a login's name on one line and a made-up value alone on the next: its password ("usuario: javi.moreno82\n
            # Tr3s-Cebollas-81 (provisional)")
            candidates += [Finding("secret", *m.span("value"), 0.8, "password", rule="secret.after_login_line")
                           for m in _AFTER_LOGIN_LINE.finditer(blanked)
                           if self._made_up_value(m.group("value")) and re.search(r"\d", m.group("value"))]
        if not words.isdisjoint(_WORDS_PASSWORD_GATE) and ("password" in words or "word" in words):
            # "the collection password is bluebell tractor": a password that is ordinary words, by what it is for
            candidates += [Finding("secret", *m.span("value"), 0.8, "password", rule="secret.words_password")
                           for m in _WORDS_PASSWORD.finditer(blanked)
                           if not set(m.group("value").lower().split()) & _NOT_PASSWORD_WORDS]
        if digits >= 4 and not words.isdisjoint(_PLACE_CODE_GATE):
            addresses = [c for c in candidates if c.kind == "address"]
            if addresses:  # "the alarm code at 9 Quarry Lane, Bath BA2 5RT is 5071": the place between word and value
                candidates += _codes_past_a_place(blanked, addresses)
        # (every shape of _KNOWN_TOKEN has "_" or "-----" or starts so: a substring test each, faster than a search)
        if "_" in blanked or "-----" in blanked or "AKIA" in blanked or "ASIA" in blanked or "xox" in blanked or \
                "AIza" in blanked or "eyJ" in blanked or "-" in blanked and ("glpat-" in blanked or "pypi-" in blanked
                                                                         or "sk-ant-" in blanked) or "SG." in blanked:
            candidates += [Finding("secret", *m.span(), 0.95, "token", rule="secret.known_token_format")
                           for m in _KNOWN_TOKEN.finditer(blanked)]
        if has_digit and not words.isdisjoint(_TRANSFER_GATE) and not words.isdisjoint(_TRANSFER_DOMAIN_WORDS):
            candidates += self._transfer_codes(blanked)
        if has_digit and not words.isdisjoint(_TOKEN_GATE):
            candidates += [Finding("secret", *m.span(), 0.85, "token", rule="secret.token_shape")
                           for m in _PREFIXED_TOKEN.finditer(blanked)
                           if (_entropy(m.group("tail")) >= 3.5 if m.group("tail") else _entropy(m.group("hex")) >= 3.0)]
            candidates += self._random_runs_by_key_word(blanked)
        if ('"' in blanked or "'" in blanked) and not words.isdisjoint(_CONFIG_KEY_GATE):
            candidates += [Finding("secret", *m.span("value"), 0.9, "token", rule="secret.config_value")
                           for m in _CONFIG_SECRET.finditer(blanked) if self._config_secret(m)]
        candidates += _corrected_twins(blanked, candidates)
        candidates += self._customs(scan)
        candidates += self._emails(blanked)
        if "://" in scan and "@" in scan:
            # ("mysql://shop_user:Rk29xxPq!a@db3.example.net": a password and a host, no e-mail address)
            credentials = [Finding("secret", *m.span("value"), 0.9, "password", rule="secret.link_credentials")
                           for m in _LINK_CREDENTIALS.finditer(scan)
                           if not _placeholder(m.group("value")) and
                           m.group("value").lower() not in _LINK_PASSWORD_PLACEHOLDERS]
            candidates = [c for c in candidates if c.kind != "email" or
                          all(c.end <= f.start or f.end <= c.start for f in credentials)] + credentials
        if "@" in blanked and _may_match(blanked, _UPI_HANDLES):
            # ("pay only to our official UPI ID shopkart@icici": the organisation's own, named so in its clause)
            candidates += [Finding("bank_account", *m.span(), 0.85, "upi_id", rule="bank.upi_id")
                           for m in _UPI_ID.finditer(blanked)
                           if not _OUR_WORD.search(blanked, _clause_before(blanked, m.start(), 40), m.start())]
        if digits >= 13:
            candidates = _named_over_card_format(candidates)
        if any(c.kind == "national_id" for c in candidates):
            # (an id in an organisation's signature is its own: "Ajuntament de Sant Feliu, NIF P0821305J")
            candidates = [c for c in candidates if c.kind != "national_id" or not _organisations_id(blanked, c) and
                          not _in_organisations_signature(blanked, c.start)]
        if any(c.kind == "secret" for c in candidates) and _COMPANY_PIN.search(blanked):
            # ("Our company KRA PIN is P051738264Q": a company's tax PIN, no secret)
            candidates = [c for c in candidates if c.kind != "secret" or
                          not _COMPANY_PIN.search(blanked, max(0, c.start - 25), c.start)]
        if "ending" in words and candidates:  # "the mobile ending 4412", "a Visa ending 0876": last digits, no code
            candidates = [c for c in candidates if not (
                (c.kind == "secret" or c.rule == "bank.split_value") and
                _ENDING_BEFORE.search(blanked, max(0, c.start - 20), c.start))]
        if any(c.kind == "secret" for c in candidates) and _VANITY_NUMBER_IN_TEXT.search(blanked):
            # "our lines are 0700-OKRA-BANK": no code's digits
            vanity = [m.span() for m in _VANITY_NUMBER_IN_TEXT.finditer(blanked)]
            candidates = [c for c in candidates if c.kind != "secret" or
                          not any(s <= c.start and c.end <= e for s, e in vanity)]
        if "to" in words and candidates:  # "report it to 7726", "text STOP to 88022": a short code, no secret
            candidates = [c for c in candidates if not (
                c.kind == "secret" and c.end - c.start <= 6 and blanked[c.start:c.end].isdigit() and
                _SENT_TO_BEFORE.search(blanked, max(0, c.start - 30), c.start))]
        public: list[Finding] = []
        kept = self._allowed(blanked, candidates, public)
        if public:  # (an organisation's IBAN is no card, id or line either: the digits inside it are not one)
            kept = [f for f in kept if f.kind not in ("card", "national_id", "phone", "bank_account") or not any(
                p.kind == "iban" and p.start <= f.start and f.end <= p.end for p in public)]
            # (nor is what starts inside a public mailbox anything: "…@parafia-gdansk.pl. Msze nr 12" is no "pl." street)
            kept = [f for f in kept if f.kind == "email" or not any(
                p.kind == "email" and p.start <= f.start < p.end for p in public)]
        claimed = _resolve(kept)
        if dismissed is not None:
            dismissed += public
        # (an organisation's IBAN or account is no phone number either: its digits are not read again)
        taken = claimed + [p for p in public if p.kind in ("iban", "bank_account")] if public else claimed
        # (_may_hold_a_phone wants a run of 7+ digits: a text with fewer digits in all has none)
        if digits >= 7 and self._may_hold_a_phone(phone_text, taken):
            places = [(f, False) for f in claimed if f.kind == "address"] + \
                [(f, True) for f in public if f.kind == "address"]
            lines: list[Finding] = []
            claimed = _resolve(claimed + self._allowed(phone_text, self._phones(phone_text, taken, words), lines,
                                                       public, places))
            if dismissed is not None:
                dismissed += lines
            public = public + lines
            # (a number written twice is one number: "got a call from 0488 555 102 …? … 0488 555 102 isn't [ours]")
            said_before = {re.sub(r"\D", "", phone_text[p.start:p.end]) for p in lines}
            again = [f for f in claimed if f.kind == "phone" and re.sub(r"\D", "", phone_text[f.start:f.end]) in said_before]
            if again:
                claimed = [f for f in claimed if f not in again]
                if dismissed is not None:
                    dismissed += [replace(f, rule="allow.same_number_again") for f in again]
        if any(f.kind == "address" or f.kind == "phone" for f in claimed) or public and \
                any(f.kind == "email" for f in claimed) and any(p.kind in ("address", "phone") for p in public):
            claimed = self._contact_blocks(blanked, claimed, public, dismissed)
        if claimed:
            claimed = self._changed_values(blanked, claimed)
        if not in_words and (not words.isdisjoint(spoken_numbers.GATE_WORDS) or "oh" in words and _ZEROS_SAID.search(text) or
                             has_digit and (spoken_numbers.LOOKALIKE_HINT.search(blanked) or "\u20e3" in text)):
            claimed = self._numbers_in_words(text, claimed, dismissed)
        if "\n" in text and _broken_value(text):
            claimed = self._across_lines(text, claimed, dismissed)
            if breaks := _breaks_inside_a_secret(text):
                claimed = self._joined_over_lines(text, claimed, breaks)
        return claimed

    def _contact_blocks(self, text: str, claimed: list[Finding], public: list[Finding],
                        dismissed: list[Finding] | None) -> list[Finding]:
        """The addresses, lines and mailboxes left sensitive that sit in an organisation's contact block
        (_contact_block), decided once every detail of the text is known: an address is decided before the lines,
        and a mailbox before both, so none can otherwise count the others beside it."""
        details = [(f, True) for f in public if f.kind in ("address", "phone", "email")] + \
            [(f, False) for f in claimed if f.kind in ("address", "phone", "email")]
        kinds: dict[int, str] = {}

        def kind_of(line: Finding) -> str:
            if line.start not in kinds:
                value = text[line.start:line.end]
                kinds[line.start] = _line_kind(value, self._regions_of(text, value), text)
            return kinds[line.start]

        freed = [f for f in claimed if f.kind in ("address", "phone", "email") and
                 not _read_back(text, f.start) and _contact_block(text, f, details, kind_of)]
        if not freed:
            return claimed
        if dismissed is not None:
            dismissed += [replace(f, rule="allow.contact_block") for f in freed]
        return [f for f in claimed if f not in freed]

    def _across_lines(self, text: str, claimed: list[Finding], dismissed: list[Finding] | None) -> list[Finding]:
        """A value broken over lines ("IBAN is\nBE95 1768\n9247 4758", "call you on 07700\n900526"): the rules run
        again on a copy with each line break read as a space (same length, so spans hold), and what is found across
        a break is kept, with the rule's name + ".across_lines". Only texts with a break beside digits or after a
        label ("is", ":") pay."""
        flat = text.replace("\r", " ").replace("\n", " ")
        inner_dismissed: list[Finding] | None = [] if dismissed is not None else None
        extra = [replace(f, rule=f.rule + ".across_lines") for f in self._find(flat, inner_dismissed)
                 if "\n" in text[f.start:f.end] and not f.rule.endswith(".in_words")]
        if dismissed is not None and inner_dismissed:
            dismissed += [replace(d, rule=d.rule + ".across_lines") for d in inner_dismissed
                          if "\n" in text[d.start:d.end] and not d.rule.endswith(".in_words")]
        return _resolve(claimed + extra) if extra else claimed

    def _joined_over_lines(self, text: str, claimed: list[Finding], breaks: list[int]) -> list[Finding]:
        """A secret wrapped onto the next line inside it ("it's now\nshamrock\n7741\nall one word", "the text says\n58\n
        0341"): the rules run again on a copy with those line breaks taken out (a word's letters then digits, or two
        runs of digits) and the others read as spaces, and the secrets found over a removed break are kept, their
        spans mapped back to the text."""
        removed = set(breaks)
        origin = [i for i in range(len(text)) if i not in removed]
        # (the other breaks read as spaces, as _across_lines reads them: "it was\nPurpleGiraffe\n88")
        joined = "".join(text[i] for i in origin).replace("\r", " ").replace("\n", " ")
        extra = []
        for f in self._find(joined, None):
            start, end = origin[f.start], origin[f.end - 1] + 1
            if f.kind == "secret" and any(start < r < end for r in removed):
                extra.append(replace(f, start=start, end=end, rule=f.rule + ".across_lines"))
        return _resolve(claimed + extra) if extra else claimed

    @staticmethod
    def _changed_values(text: str, claimed: list[Finding]) -> list[Finding]:
        """"changed the account from 7730012845 to 7730012846", "we had 0161 496 0377 on the order instead of
        0161 496 0733": the value a found one was changed to, or mistaken for, is of the same kind and shape."""
        extra: list[Finding] = []
        for finding in claimed:
            if finding.kind not in ("phone", "bank_account", "email"):
                continue
            joint = _CHANGED_TO.match(text, finding.end)
            if joint is None:
                continue
            if finding.kind == "email":
                other = _EMAIL_PLAIN.match(text, joint.end())
            else:
                other = _ANY_PHONE.match(text, joint.end())
                wanted = sum(c.isdigit() for c in text[finding.start:finding.end])
                if other is not None and abs(sum(c.isdigit() for c in other.group()) - wanted) > 1:
                    other = None
            # (a value already found as a weaker kind takes this one's: "the account as … instead of …")
            if other is None or any(f.start < other.end() and other.start() < f.end and
                                    _PRIORITY[f.kind] <= _PRIORITY[finding.kind] for f in claimed + extra):
                continue
            prefix = {"bank_account": "bank"}.get(finding.kind, finding.kind)
            extra.append(Finding(finding.kind, *other.span(), round(finding.confidence * 0.9, 2), finding.label,
                                 rule=f"{prefix}.changed_to"))
        return _resolve(claimed + extra) if extra else claimed

    def _numbers_in_words(self, text: str, claimed: list[Finding], dismissed: list[Finding] | None) -> list[Finding]:
        """Numbers spelled out ("four one one one, one one one one …", "five five five, zero one four three",
        "the twenty-first of october nineteen ninety"): every rule runs again on a copy with the number words
        read as digits (spoken_numbers), and what it finds there on digits that were words is mapped back onto
        the words, with the rule's name + ".in_words". Only texts with a number word (a set look-up) pay."""
        # (two digits are worth reading where a secret or a birth is named: a password said "Bluebell ninety nine", "née
        # le douze février quatre-vingt-quinze")
        words = _words_of(text)
        named = not words.isdisjoint(_PASSWORD_NEAR_WORDS) or not words.isdisjoint(_CODE_NEAR_WORDS) or \
            not words.isdisjoint(_DOB_GATE_WORDS) or not words.isdisjoint(_WORDS_AND_NUMBER_GATE)
        spelled = spoken_numbers.digits_from_words(text, min_digits=2 if named else 3)
        if spelled is None:
            return claimed
        inner_dismissed: list[Finding] | None = [] if dismissed is not None else None
        extra = []
        for finding in self._find(spelled.text, inner_dismissed, in_words=True):
            if spelled.touches_words(finding.start, finding.end):
                start, end = spelled.original_span(finding.start, finding.end)
                if any(c.kind == finding.kind and start <= c.start and c.end <= end and
                       _digits_in(text[start:c.start]) == _digits_in(text[c.end:end]) == 0 for c in claimed):
                    continue  # (a whole value found as written, and a number word after it: "6011 … 9999 osiemset")
                extra.append(replace(finding, start=start, end=end, rule=finding.rule + ".in_words"))
        if dismissed is not None and inner_dismissed:
            dismissed += [replace(d, start=start, end=end, rule=d.rule + ".in_words")
                          for d in inner_dismissed if spelled.touches_words(d.start, d.end)
                          for start, end in [spelled.original_span(d.start, d.end)]]
        return _resolve(claimed + extra) if extra else claimed

    @staticmethod
    def _may_hold_a_phone(text: str, claimed: list[Finding]) -> bool:
        """Whether a run of 7+ digits is left that a phone rule could keep: phonenumbers' matcher is the
        slowest step, so runs already found as something else, dates and version numbers, runs glued to
        letters and runs named as an order or tracking number (with no phone word) are not given to it."""
        phone_word = None
        for run in _PHONE_SHAPED.finditer(text):
            start, end = run.span()
            if _digits_in(run.group()) < 7 or any(f.start <= start and end <= f.end for f in claimed):
                continue
            if text[start - 1:start] == "+":
                return True
            if _NOT_A_PHONE_RUN.fullmatch(run.group()):
                continue
            if _glued(text, start, end) and not re.search(r"[\s(]", run.group()):
                continue
            if _near_before(_REFERENCE_WORDS_AT_WORDS, text, start, 25) is not None:
                if phone_word is None:  # (the phone words' pattern is long: looked for only when needed)
                    phone_word = _ANY_PHONE_WORD.search(text) is not None
                if not phone_word:
                    continue
            return True
        return False

    def _ibans(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        if _LETTER_THEN_DIGIT.search(text) is None:
            return found
        for match in _IBAN_HEAD.finditer(text):
            chunks = list(_CHUNK.finditer(match.group()))
            for count in range(len(chunks), 0, -1):
                compact = "".join(c.group() for c in chunks[:count])
                if 15 <= len(compact) <= 34 and stdnum_iban.is_valid(compact):
                    end = match.start() + chunks[count - 1].end()
                    found.append(Finding("iban", match.start(), end, 0.99, compact[:2].upper(), rule="iban.mod97"))
                    break
                sizes = [len(c.group()) for c in chunks[:count]]
                grouped = count == 1 or (all(n == 4 for n in sizes[:-1]) and sizes[-1] <= 4)
                if 15 <= len(compact) <= 34 and grouped and _iban_format(compact):
                    # written as an IBAN (the country's length and format), check digits wrong: still one
                    end = match.start() + chunks[count - 1].end()
                    if _named_as_a_reference(text, match.start(), end):
                        break  # (unless named as a reference: 'a "reference" of GB00 …', '… is our case reference')
                    found.append(Finding("iban", match.start(), end, 0.85, compact[:2].upper(),
                                         rule="iban.country_format"))
                    break
        return found

    @staticmethod
    def _ibans_named_in_pieces(text: str) -> list[Finding]:
        found: list[Finding] = []
        for named in _IBAN_NAME.finditer(text):
            pieces = _pieces_after(text, named.end(), 40)
            for count in range(len(pieces), 1, -1):  # the longest that is an IBAN: a word after it is left out
                compact = "".join(piece.group() for piece in pieces[:count]).upper()
                if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit() or \
                        not compact.isascii():
                    continue
                valid = stdnum_iban.is_valid(compact)
                if not valid and _named_as_a_reference(text, pieces[0].start(), pieces[count - 1].end()):
                    break  # ('a payment reference that looks like an IBAN: GB00 HALL …')
                if valid or _iban_format(compact):
                    found.append(Finding("iban", pieces[0].start(), pieces[count - 1].end(), 0.95 if valid else 0.85,
                                         compact[:2], rule="iban.named_spaced"))
                    break
        return found

    def _cards(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        runs = list(_DIGIT_RUN.finditer(text))
        used: set[int] = set()
        for index, run in enumerate(runs):
            if run.start() > 0 and text[run.start() - 1] == "+":
                continue  # ("a call from +234 809 112 7788": a phone's country code first, never a card's digits)
            finding = self._card_in_run(text, run)
            if finding is not None:
                used.add(index)
                found.append(finding)
                # Short groups written on after the number, in the same run: its security code or expiry ("4111 …
                # 1111 123"), or the rest of a longer number that only began like a card (a 20-digit account's
                # "4081 7810 0999 1000 4312"). Masked whole: the card's own mask shows its last four digits.
                # (Not the month of an expiry date: "… 1111 12/26" is read whole by the date rules or let be.)
                # (Or its security code after a slash, "4111-…-1111/123": a secret; not an expiry date, "…/09/27".)
                after = list(_DIGITS.finditer(text, finding.end, run.end()))
                slashed = _SLASHED_CODE.match(text, finding.end) if not after else None
                if slashed is not None:  # (less sure than a code named as one: "… / 901" after "the security code")
                    found.append(Finding("secret", *slashed.span("code"), 0.6, "card_security_code",
                                         rule="secret.code_after_card"))
                elif after and all(len(g.group()) <= 5 for g in after) and \
                        not _DATE_GOES_ON.match(text, after[-1].end()):
                    found.append(Finding("card", after[0].start(), after[-1].end(), finding.confidence, finding.label,
                                         rule="card.digits_after"))
        if "/" in text:
            found += [f for f in map(functools.partial(self._card_in_run, text), _SLASHED_CARD.finditer(text)) if f]
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
                # ("sort code 60-83-71, account 29457013": a bank's code and an account, each named, no card's pieces)
                if follower in used or len(gap) > 30 or not _SPLIT_GAP.fullmatch(gap) or _NOT_CARD_PIECES.search(gap):
                    break
                digits += re.sub(r"\D", "", runs[follower].group())
                end = runs[follower].end()
                if len(digits) > 19:
                    break
                if is_known_card_number(digits):
                    found.append(Finding("card", first.start(), end, 0.8, card_brand(digits) or "",
                                         rule="card.split_after_card_word"))
                    used.update(range(index, follower + 1))
                    break
        return found

    def _card_in_run(self, text: str, run: re.Match) -> Finding | None:
        groups = [(run.start() + g.start(), run.start() + g.end(), g.group()) for g in _DIGITS.finditer(run.group())]
        total = sum(len(g[2]) for g in groups)
        if total < 13:
            return None
        start = groups[0][0]
        if _a_store_card(text, start) and \
                not is_known_card_number("".join(g[2] for g in groups)):
            return None  # "my loyalty card 6338 2201 …": a shop's card (a payment network's valid number stays one)
        if len(groups) == 1 and total <= 14 and _PRODUCT_CODE.search(text, max(0, start - 25), start):
            return None  # "item code 5000167029441": a product's barcode (EAN-13, GTIN-14) in one run
        if start >= 2 and text[start - 1] in "-/" and text[start - 2].isalpha() and \
                not is_known_card_number("".join(g[2] for g in groups)):
            return None  # "CS-20250619-0418-227104": a reference's digits after its letters
        context = _near_before(_CARD_WORDS, text, start, 40) is not None or \
            not text.isascii() and _near_before(_CARD_WORDS_IN_SCRIPTS, text, start, 40) is not None
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
                # ("4556 2807 4556 2807 1943 5727": its first groups typed twice, the card from the repeat on)
                typed_again = last == len(groups) - 1 and first > 0 and groups[first][2] == groups[0][2] and \
                    all(len(g[2]) == 4 for g in groups) and not _vetoed(text, start, _REFERENCE_WORDS, _CARD_WORDS)
                if not (whole or trailing_short or context or typed_again):
                    continue
                if not context and len(digits) == 13 and digits[0] != "4" and za_idnr.is_valid(digits):
                    continue  # (13 digits, a birth date first and a Luhn digit last: a South African id, _ID_RULES)
                if is_known_card_number(digits):
                    confidence = 0.99 if context else (0.95 if whole else 0.9)
                    return Finding("card", groups[first][0], groups[last][1], confidence, card_brand(digits) or "",
                                   rule="card.range_luhn")
        # A whole number that passes Luhn in the card industries but no range we know (a new or regional
        # network) still counts, unless it is named as something else (IMEIs pass Luhn too).
        digits = "".join(g[2] for g in groups)
        if not context and len(digits) == 13 and digits[0] != "4" and za_idnr.is_valid(digits):
            return None  # (a South African id's date, citizenship and Luhn digits: _ID_RULES)
        # (nor when a personal number's name is right before it: "NIK saya 3174…" is an Indonesian id)
        if is_card_number(digits) and not _vetoed(text, start, _NOT_A_CARD, _CARD_WORDS) and \
                not (_ANY_ID_NAME.search(text, max(0, start - 20), start) and not context):
            return Finding("card", groups[0][0], groups[-1][1], 0.9 if context else 0.7, "", rule="card.luhn_industry")
        if context and len(digits) == 16 and [len(g[2]) for g in groups] == [4, 4, 4, 4] and \
                _CARD_NUMBER_NAMED.search(text, max(0, start - 25), start) and \
                not _vetoed(text, start, _NOT_A_CARD, _CARD_WORDS) and \
                not _LIKE_A_CARD.search(text, max(0, start - 45), start) and \
                (digits[0] in "79" and luhn.is_valid(digits) or
                 digits[0] in "234569" and _CARD_NUMBER_RIGHT_BEFORE.search(text, max(0, start - 25), start)):
            # a card named right before its 4-4-4-4 digits: a national network's ("카드 9410 …", Korea's domestic
            # cards start with 9), a fuel card's (7), or a payment card's typed with a digit wrong ("card number: 4539 …"; a
            # transit card's "1040-…" is none)
            return Finding("card", groups[0][0], groups[-1][1], 0.85, card_brand(digits) or "", rule="card.named")
        # Written as a card (a network's range and length, grouped 4-4-4-4 or 4-6-5, or after a card word)
        # whether or not the Luhn digit holds: a mistyped card number is still one.
        brand = card_brand(digits)
        grouped = [len(g[2]) for g in groups] in _CARD_GROUPINGS or (len(groups) == 1 and len(digits) == 16)
        if not grouped and len(groups) == len(digits):
            # typed digit by digit, its groups apart by wider spaces ("5 2 1 9  7 7 0 4  …"), or sixteen digits
            grouped = len(digits) == 16 or _spaced_groups(text, groups) in _CARD_GROUPINGS
        if brand and (grouped or context) and not _vetoed(text, start, _NOT_A_CARD, _CARD_WORDS) and \
                (not _vetoed(text, start, _REFERENCE_WORDS, _CARD_WORDS) or
                 grouped and _PAID_WITH.search(text, max(0, start - 12), start)) and \
                not _LIKE_A_CARD.search(text, max(0, start - 45), start) and \
                not _AGREEMENT.search(text, max(0, start - 30), start):
            return Finding("card", groups[0][0], groups[-1][1], 0.8, brand, rule="card.format")
        return None

    def _cards_in_urls(self, text: str, urls: list[tuple[int, int]]) -> list[Finding]:
        """A card number is never let through, even inside a link (tracking ids rarely pass Luhn + range)."""
        found = []
        for start, end in urls:
            for run in _DIGIT_RUN.finditer(text, start, end):
                finding = self._card_in_run(text, run)
                if finding is not None:
                    found.append(Finding("card", finding.start, finding.end, 0.6, finding.label, rule="card.in_link"))
        return found

    def _emails_in_urls(self, text: str, urls: list[tuple[int, int]]) -> list[Finding]:
        """An address URL-encoded in a link's query ("unsub?email=jane.doe%40gmail.com"): the link is blanked for
        the other rules, so the brand's and role mailboxes are told apart here."""
        found = []
        for start, end in urls:
            for match in _EMAIL_IN_LINK.finditer(text, start, end):
                local, _, domain = match.group().replace("%40", "@").lower().rpartition("@")
                if f"{local}@{domain}" in self._allowed_emails or is_role_mailbox(local) or \
                        any(domain == d or domain.endswith("." + d) for d in self._allowed_domains):
                    continue
                found.append(Finding("email", match.start(), match.end(), 0.9, "email", rule="email.in_link"))
        return found

    def _national_ids(self, text: str, named: bool = True, words_in_text: frozenset[str] | set[str] = frozenset(),
                      only: Sequence[_IdRule] | None = None) -> list[Finding]:
        """named: whether any id's name is in the text at all (when not, only rules that need none run); only: the
        rules to try (all by default)."""
        found = []
        prechecked: dict[re.Pattern, bool] = {}
        if only is not None:
            rules = [rule for rule in only if named or rule.context is None]
            named = True
        elif named:  # the rules whose name is in the text, and those that need none, in their order
            wanted = {index for word in _ID_GATE_WORDS.intersection(words_in_text) for index in _ID_RULES_BY_WORD[word]}
            rules = [_ID_RULES[index] for index in sorted(wanted.union(_UNNAMED_ID_INDEXES))]
        for rule in rules if named else _UNNAMED_ID_RULES:
            if rule.label in _PRECHECKED_ID_LABELS:  # (one set look-up for the many rules with no precheck)
                if rule.label in _ID_PREFIXES and _ID_PREFIXES[rule.label] not in text:
                    continue
                precheck = _UNNAMED_ID_PRECHECKS.get(rule.label) if rule.context is None else None
                if precheck is not None:
                    if precheck not in prechecked:  # (a test several rules share, five capitals, is made once)
                        prechecked[precheck] = precheck.search(text) is not None
                    if not prechecked[precheck]:
                        continue
            words = rule.words or rule.context
            for match in rule.shape.finditer(text):
                start, end = match.span()
                if len(set(re.sub(r"\W", "", match.group()))) == 1 and \
                        _EXAMPLE_BEFORE.search(text, max(0, start - 25), start):
                    continue  # "in the format 3-3-4 digits (like 000 000 0000)": an example, one digit throughout
                if _COUNTRY_CODE_BEFORE.search(text, max(0, start - 6), start):
                    continue  # "a text from +61 480 013 229": a phone number's digits after its country code
                if _no_persons_id(rule, match.group(), text, start):
                    continue
                valid = rule.valid(match.group())
                # Named right before ("ssn 987-65-4329", "nino TY 48 20 61 B") or right after ("… my social"):
                # a value written as the id is sensitive whether or not its checksum holds (example numbers,
                # typos, ranges not yet issued).
                name = words.search(text, max(0, start - 30), start) if words is not None else None
                if name is not None and not valid and _weak_id_name(name.group()) and \
                        not (rule.label == "gb_utr" and _UK_TAX_WORDS.search(text)):
                    name = None  # "PNR 4528193760": a booking's reference too, not a personnummer unless it validates
                    # (a UTR with HMRC or Self Assessment in the text is the taxpayer's, not a payment's reference)
                if name is not None and not valid and _foreign_word(name.group(), text):
                    name = None  # "sin línea en el 654 332 109", "do nas": Spanish "without", Polish "us"
                if name is not None and not valid and _named_between(text, name.end(), start):
                    name = None  # "cin cin! ordine 12345678": another thing's number, named nearer
                after = words.search(text, end, _after_in_clause(text, end, 45)) if words is not None and \
                    name is None else None
                if after is not None and not valid and (_weak_id_name(after.group()) or
                                                        _foreign_word(after.group(), text)):
                    after = None
                if rule.label == "in_aadhaar" and not text.isascii():
                    # ("इस आधार पर", "… के आधार पर": "on (this) basis", Hindi's other sense of the word)
                    name, after = (None if m is not None and _ON_THE_BASIS.match(text, m.end()) else m
                                   for m in (name, after))
                if not valid and len(set(re.sub(r"\W", "", match.group()))) == 1:
                    continue  # "the form shows a SIN as 000 000 000": a placeholder, one character over and over
                if name is not None or after is not None:
                    found.append(Finding("national_id", start, end, 0.99 if valid else 0.9, rule.label,
                                         rule="id.named" if valid else "id.named_format"))
                    continue
                if words is not None and not valid and self._named_earlier(words, text, start, end, rule.distinctive) \
                        and not (rule.label == "ca_sin" and all(
                            _foreign_word(m.group(), text) for m in words.finditer(text, 0, start))):
                    found.append(Finding("national_id", start, end, 0.85, rule.label, rule="id.named_earlier_format"))
                    continue
                if not valid:
                    continue
                if words is not None and not _vetoed(text, start, _REFERENCE_WORDS, width=16) and \
                        any(_ITS_MY_BEFORE.search(text, max(end, later.start() - 16), later.start())
                            for later in words.finditer(text, end, min(len(text), end + 300))):
                    # "325 337 217. I've given you that like 4 times now … it's me tax file number ffs"
                    found.append(Finding("national_id", start, end, 0.9, rule.label, rule="id.named_later"))
                    continue
                if rule.context is not None:
                    if self._context_near(rule.context, text, start, end) and not (
                            rule.label == "ca_sin" and all(_foreign_word(m.group(), text)
                                                           for m in rule.context.finditer(text))):
                        # ("llevo 4 días sin luz … Mi móvil es 655 284 917": Spanish "without", no SIN)
                        found.append(Finding("national_id", start, end, 0.99, rule.label, rule="id.near_name_checksum"))
                    elif _named_further_back(rule.context, text, start):
                        found.append(Finding("national_id", start, end, 0.9, rule.label, rule="id.named_further_back"))
                elif not _vetoed(text, start, _ID_VETO) and not (
                        re.fullmatch(r"[\d -]+", match.group()) and _vetoed(text, start, _REFERENCE_WORDS, width=16)) and \
                        not (rule.label == "us_ssn" and " " in match.group() and
                             _A_LINES_WORD.search(text, max(0, start - 20), start)):
                    # (nor a reference's number: "Claim 219-44-6083 is now assigned …", "Pedido 482-19-7730 no llega";
                    # nor nine digits in spaced groups after a line's word: "call 401 88 2765")
                    found.append(Finding("national_id", start, end, rule.confidence, rule.label,
                                         rule="id.format_checksum"))
        if "ein" in words_in_text and ("sole" in words_in_text or "proprietor" in words_in_text):
            # an EIN is a business's, but a sole proprietor's is the person's own ("my EIN as a sole prop is …")
            found += [Finding("national_id", *m.span("value"), 0.85, "us_ein", rule="id.sole_proprietor_ein")
                      for m in _SOLE_PROPRIETOR_EIN.finditer(text)]
        for match in _NIR_GROUPED.finditer(text) if _digits_in(text) >= 14 else ():  # (it has 14 or 15 digits)
            found.append(Finding("national_id", *match.span(), 0.8, "fr_nir", rule="id.format_distinctive"))
        if "  " in text or _SPACED_DIGITS.search(text):
            found += self._spaced_ids(text, rules if named else _UNNAMED_ID_RULES)
        if named and rules:
            found += self._regrouped_ids(text, [rule for rule in rules if (rule.words or rule.context) is not None],
                                         found)
            if _ID_PIECES_GATE.search(text):  # (a letter apart from digits, or five short groups: else the shapes read it)
                found += self._ids_named_in_pieces(text, rules)
        return found

    @staticmethod
    def _ids_named_in_pieces(text: str, rules: Sequence[_IdRule]) -> list[Finding]:
        """A named id given in two pieces or more, right after its name: the pieces joined are in its shape (its
        check holding, or its name a strong one, as for an id written whole)."""
        found: list[Finding] = []
        for rule in rules:
            names = rule.words or rule.context
            if names is None:
                continue
            for name in names.finditer(text):
                pieces = _pieces_after(text, name.end(), 24)
                for count in range(len(pieces), 1, -1):  # the longest in the id's shape: a word after it is left out
                    start, end = pieces[0].start(), pieces[count - 1].end()
                    compact = "".join(piece.group() for piece in pieces[:count])
                    if not rule.shape.fullmatch(compact) or rule.shape.fullmatch(text, start, end):
                        continue  # (written in its own shape, the id's rules have decided)
                    valid = rule.valid(compact)
                    if _no_persons_id(rule, compact, text, start) or not valid and (
                            _weak_id_name(name.group()) or _foreign_word(name.group(), text) or len(set(compact)) == 1):
                        break
                    found.append(Finding("national_id", start, end, 0.95 if valid else 0.85, rule.label,
                                         rule="id.named_in_pieces"))
                    break
        return found

    @staticmethod
    def _regrouped_ids(text: str, rules: Sequence[_IdRule], found: list[Finding]) -> list[Finding]:
        """A named id's digits grouped otherwise than its shape has them ("Steuer-ID 7148 3021 697", "IRD number
        08-417-2936", "numéro de sécu 1/84/12/75/108/231/36", "412_68_3091 … invalid SSN"): read without their
        separators, in the id's shape, its check holding and its name right before or after it."""
        extra: list[Finding] = []
        for match in _ID_REGROUPED.finditer(text):
            start, end = match.span()
            if any(f.start < end and start < f.end for f in found):
                continue
            compact = re.sub(r"[^0-9A-Za-z]", "", match.group())
            for rule in rules:
                # (in the id's own shape as written, the rule itself has decided: "O nosso NIF é 509 442 013")
                if rule.shape.fullmatch(match.group()) or not (rule.shape.fullmatch(compact) and rule.valid(compact)):
                    continue
                if rule.label == "pt_nif" and compact[0] in "5679" or _organisations_tax_id(compact, rule.label) or \
                        rule.label in _COMPANY_OWNED_LABELS and _COMPANY_UTR.search(text, max(0, start - 60), start):
                    continue  # a Portuguese NIF, an Indian PAN or a UK UTR of a company: no person's
                words = rule.words or rule.context
                assert words is not None
                if _vetoed(text, start, _REFERENCE_WORDS, words):
                    break  # "SSN form, order 536_22_8144": another thing's number, named nearer
                # (its check digit holds: named in its sentence or the one before is enough, as for the id in its own
                # shape, "Sie haben uns 4710 8832 692 mitgeteilt" after "… Ihre Steuer-Identifikationsnummer.", by a
                # name that is no reference's too; an SSN has no check digit, most nine digits pass its ranges)
                earlier = _near_before(words, text, start, start)
                if words.search(text, max(0, start - 30), start) or \
                        words.search(text, end, _after_in_clause(text, end, 45)) or \
                        rule.label not in ("us_ssn", "us_itin") and (
                            Detector._context_near(words, text, start, end) or _named_further_back(words, text, start)) \
                        and not (earlier is not None and _weak_id_name(earlier.group())):
                    extra.append(Finding("national_id", start, end, 0.95, rule.label, rule="id.named_regrouped"))
                    break
        return extra

    @staticmethod
    def _spaced_ids(text: str, rules: Sequence[_IdRule]) -> list[Finding]:
        """An id typed digit by digit with spaces ("social is 5 3 1 - 7 2 - 0 4 8 8"): read without its spaces, in
        the id's shape and named near it (or in its shape with its checksum and its name in the sentence)."""
        found = []
        for match in _DIGITS_SPACED.finditer(text):
            compact = re.sub(r"\s", "", match.group())
            plain = re.sub(r"\D", "", compact)
            start, end = match.span()
            for rule in rules:
                words = rule.words or rule.context
                if not (rule.shape.fullmatch(compact) or rule.shape.fullmatch(plain)):
                    continue
                if rule.context is None and rule.shape.fullmatch(compact) and rule.valid(compact):
                    # a format distinctive alone ("5 2 9 - 4 1 - 7 7 0 3": an SSN's dashed groups), its check valid
                    found.append(Finding("national_id", start, end, 0.85, rule.label, rule="id.digits_spaced"))
                    break
                if words is None:
                    continue
                # (typed digit by digit on purpose: its name a few words further back still names it, "Tax file
                # number for the broker: 4 4 1 …")
                if words.search(text, max(0, start - 40), start) or \
                        words.search(text, end, _after_in_clause(text, end, 45)) or \
                        rule.valid(plain) and Detector._context_near(words, text, start, end):
                    found.append(Finding("national_id", start, end, 0.9, rule.label, rule="id.digits_spaced"))
                    break
        return found

    def _split_values(self, text: str) -> list[Finding]:
        """A card, IBAN, SSN, account or phone number given in pieces joined by words (see _SPLIT_CUE)."""
        found: list[Finding] = []
        for cue in _SPLIT_CUE.finditer(text):
            kind = {"iban_head": "iban"}.get(cue.lastgroup or "", cue.lastgroup or "")
            if kind in ("phone", "bank_account") and _vetoed(text, cue.start(), _REFERENCE_WORDS, width=15):
                continue  # "order number 1234 and 5678"
            if kind == "bank_account" and _CODES_NAMED_AFTER.match(text, cue.end()):
                continue  # "your account's backup codes are 4819 2201 and …": the account's codes, no account number
            first_pattern, rest_pattern = (_SPLIT_IBAN_HEAD, _SPLIT_IBAN_REST) if kind == "iban" else \
                (_SPLIT_DIGITS, _SPLIT_DIGITS)
            first = first_pattern.search(text, cue.end(), min(len(text), cue.end() + 45))
            # ("my ssn? first three 536, then …": a break right after the word, not a new sentence further on)
            if first is None or re.search(r"[.!?]\s", text[cue.end():first.start()]) and first.start() - cue.end() > 25:
                continue
            pieces, labels = [first], [self._split_label(text[cue.end():first.start()])]
            loose = False
            while len(pieces) < 4:
                following = rest_pattern.search(text, pieces[-1].end(), min(len(text), pieces[-1].end() + 70))
                if following is None:
                    break
                gap = text[pieces[-1].end():following.start()]
                if len(following.group()) <= 2 and _DAY_THEN_MONTH.match(text, following.end()):
                    break  # "account 29457013, starting 1 Dec": the day the payments start
                if not _SPLIT_JOIN.search(gap) or len(gap.split()) > 9:
                    # "first half of my card: 4223 9579 — I'll DM the rest. actually …: 5699 7617": the rest announced
                    # earlier in the gap; kept only when the whole is a card (checked below)
                    if kind != "card" or len(gap.split()) > 14 or not _SPLIT_REST_ANYWHERE.search(gap):
                        break
                    loose = True
                pieces.append(following)
                labels.append(self._split_label(gap))
            if len(pieces) < 2:
                continue
            # "ending 4320, starting 987-65": the first part first, the last part last
            ordered = [p for p, label in zip(pieces, labels) if label == "first"] + \
                [p for p, label in zip(pieces, labels) if label == ""] + \
                [p for p, label in zip(pieces, labels) if label == "last"]
            joined = "".join(re.sub(r"[^0-9A-Za-z]", "", p.group()) for p in ordered)
            prefix = {"national_id": "id", "bank_account": "bank"}.get(kind, kind)
            if self._split_whole(kind, joined):
                rule, confidence = f"{prefix}.split_value", 0.8
            elif loose:
                continue
            elif kind in ("national_id", "iban", "card") and any(labels) and \
                    len(re.sub(r"\D", "", joined)) >= {"national_id": 6, "iban": 12, "card": 12}[kind]:
                # a labelled part of an id, IBAN or card ("the rest is 4320" after "ssn … 987-65"): too much of
                # it to post, even when the parts do not make a valid whole
                rule, confidence = f"{prefix}.split_part", 0.6
            else:
                continue
            found += [Finding(kind, *p.span(), confidence, "split", rule=rule) for p in pieces]
        return found

    @staticmethod
    def _split_label(gap: str) -> str:
        if _SPLIT_LABEL_FIRST.search(gap):
            return "first"
        return "last" if _SPLIT_LABEL_LAST.search(gap) else ""

    def _split_whole(self, kind: str, joined: str) -> bool:
        """Whether pieces put together are a whole value of the kind named before them."""
        digits = re.sub(r"\D", "", joined)
        if kind == "iban":
            return 15 <= len(joined) <= 34 and (stdnum_iban.is_valid(joined) or _iban_format(joined))
        if digits != joined:
            return False
        if kind == "national_id":
            return len(digits) == 9  # named as an SSN: the format is enough (as for id.named_format)
        if kind == "card":
            return is_known_card_number(digits) or (card_brand(digits) is not None and len(digits) >= 15)
        if kind == "bank_account":
            return 8 <= len(digits) <= 17
        return _phone_digits(digits, self.default_region)

    def _documents(self, text: str, words: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
        found = []
        # a passport's or a licence's number given further on, alone or as "the number": "asks for the lost passport's
        # number … I dug out the photocopy …:\n\nPA4418207, issued 02/2021", "asked for my driver licence number …
        # I sent it anyway: 960182547", "recorded your Queensland driver licence number as 062 918 447"
        for match in _DOCUMENT_VALUE.finditer(text):
            start = match.start()
            if not (_THE_NUMBER_BEFORE.search(text, max(0, start - 40), start) or
                    _NUMBER_RECORDED_AS.search(text, max(0, start - 20), start) or
                    " " in match.group() and _ITS_BEFORE.search(text, max(0, start - 8), start)):
                continue  # (digit by digit after "it's": "rejected my passport number three times. it's 5 4 8 1 …")
            names = list(_DOCUMENT_NAMED.finditer(text, max(0, start - 400), start))
            # (its own "no." after its name is no other thing's number: "your passport no. as …")
            own_number = _ITS_NUMBER_WORD.match(text, names[-1].end()) if names else None
            if names and not _REFERENCE_WORDS.search(text, own_number.end() if own_number else names[-1].end(), start):
                label = "passport" if names[-1].group().lower().startswith("pass") else "driving_licence"
                found.append(Finding("national_id", *match.span(), 0.7, label, rule="id.document_named_earlier"))
        document_number, document_number_later = _document_patterns(
            _document_languages(words), not text.isascii() and _UNSPACED_DOCUMENT_FIRST.search(text) is not None)
        for match in document_number.finditer(text):
            if _A_DATE.fullmatch(match.group("value")) or _MASKED_GROUP.search(match.group("value")):
                continue  # "DOB on PAN is 12-04-1993": the date on the document, not its number; "SSN: XXX-XX-8204"
            if _TAX_ID_LABEL.fullmatch(match.group("label") or "") and _organisations_tax_id(match.group("value")):
                continue  # "the trust's PAN AAATH4418K", "O nosso NIF é 500 100 144": an organisation's
            if _APPLICATION_FOR.search(text, max(0, match.start() - 25), match.start()):
                continue  # "votre dossier de titre de séjour n° …", "passport application no. …": the file's number
            name = match.group("label") or match.group("unspaced")
            label = "driving_licence" if _LICENCE_NAMES.search(name) else \
                "passport" if _PASSPORT_NAMES.search(name) else "id_card"
            found.append(Finding("national_id", match.start("value"), match.end("value"), 0.7, label,
                                 rule="id.document_after_name"))
        for match in document_number_later.finditer(text):
            if any(re.search(r"[^\W\d_]{3}", m.group()) and
                   _OWN_NUMBER_GAP.fullmatch(text, m.end(), match.start("value")) and
                   # ("the passport number we have for the booking is …": the booking names where it is kept)
                   not _FOR_THE_THING.search(text, max(0, m.start() - 50), m.start()) for m in
                   _REFERENCE_WORDS.finditer(text, match.end("label"), match.start("value"))):
                continue  # "passport … booking ref AB123456": another thing's number ("#", "no." name this one;
                # "the passport number on your booking to …" is the passport's)
            name = match.group("label")
            if text.endswith(", ", 0, match.start("value")) and \
                    not _NAMES_A_NUMBER.search(text, match.start("label"), match.start("value")):
                continue  # "Your passport appointment is confirmed, 2093…": a number after a document's name alone
            label = "driving_licence" if _LICENCE_NAMES.search(name) else \
                "passport" if _PASSPORT_NAMES.search(name) else "id_card"
            found.append(Finding("national_id", *match.span("value"), 0.65, label, rule="id.document_after_name"))
        if "id" in words:
            for match in _BARE_ID.finditer(text):
                value = match.group("value").strip()
                compact = re.sub(r"\D", "", value)
                before = re.search(r"([\w-]+)\s*$", text[max(0, match.start() - 20):match.start()])
                if len(compact) < 10 or before is not None and before.group(1).lower() in _OTHER_IDS or \
                        _OTHER_IDS_AFTER.match(text, match.end("word"), match.start("value")) or \
                        _PHONE_GROUPS.fullmatch(value) or \
                        _vetoed(text, match.start(), _ID_VETO, width=20) and \
                        not _SHOWS_BEFORE.search(text, max(0, match.start() - 20), match.start()):
                    # ("policy ID …" is the policy's; "the policy shows ID …" holds the person's)
                    continue
                spans = [match.span("value")]
                # a wrong number and the right one in one text ("the ID we have is … but you typed …"): the other,
                # the same length and differing in a digit or two, is checked too
                for twin in re.finditer(rf"(?<![\w-])\d{{{len(compact)}}}(?![\w-])", text[match.end():match.end() + 80]):
                    if sum(a != b for a, b in zip(twin.group(), compact)) <= 2:
                        spans.append((match.end() + twin.start(), match.end() + twin.end()))
                for start, end in spans:
                    candidate = text[start:end]
                    rule = next((r for r in _ID_RULES if r.shape.fullmatch(candidate) and r.valid(candidate)), None)
                    if rule is not None:
                        found += [Finding("national_id", *span, 0.8, rule.label, rule="id.named_id_checksum")
                                  for span in spans]
                        break
        if "license" in words or "licence" in words:
            found += [Finding("national_id", *m.span(next(g for g in ("value", "state_value", "agreement_value")
                                                          if m.group(g))), 0.7,
                              "driving_licence", rule="id.document_after_name")
                      for m in _LICENCE_NUMBER.finditer(text)
                      if not _SOFTWARE_BEFORE.search(text, max(0, m.start() - 25), m.start())]
        for match in itertools.chain(_OWN_ID.finditer(text), _OWN_ID_AFTER.finditer(text)):
            before = re.search(r"([\w-]+)\s*$", text[max(0, match.start() - 20):match.start()])
            if before is not None and before.group(1).lower() in _OTHER_IDS:
                continue
            if not _vetoed(text, match.start(), _ID_VETO, width=20):
                found.append(Finding("national_id", *match.span("value"), 0.75, "id_card", rule="id.named_id"))
        return found

    @staticmethod
    def _ids_referred(text: str) -> list[Finding]:
        """An id's value referred back to its name (see _ID_REFERRED_VALUE)."""
        found = []
        for match in _ID_REFERRED_VALUE.finditer(text):
            value = match.group("value")
            digits = sum(map(str.isdigit, value))
            # (capitals and digits mixed, a passport's: three digits are enough)
            if not (6 <= digits <= 16 or digits >= 3 and _MIXED_DOCUMENT_NUMBER.fullmatch(value)) or \
                    _A_DATE.fullmatch(value):
                continue
            before = _ID_REFERRED.search(text, max(0, match.start() - 16), match.start())
            if before is None or _ID_REFERRED_GATE.isdisjoint(
                    _WORD.findall(text[max(0, before.start() - 100):before.start()].lower())) or \
                    _ID_NAME_BEFORE.search(text, max(0, before.start() - 100), before.start()) is None or \
                    _REFERENCE_WORDS.search(text, max(0, match.start() - 20), match.start()):
                continue  # "passport … booking ref …, it's 4528193760": another thing's number
            found.append(Finding("national_id", *match.span("value"), 0.7, "id_card", rule="id.referred_back"))
        return found

    @staticmethod
    def _named_earlier(words: re.Pattern, text: str, start: int, end: int, distinctive: bool) -> bool:
        """An id's name earlier in the value's sentence, further than right before it ("henkilötunnustani reseptin
        hakuun: 190784-318V", "CNP-ul pentru rețeta … dă eroare: 2850412406714"): a value in the id's shape is the
        id, its check valid or not, when nothing between them names another number (no reference word, no other
        digits). A distinctive shape (letters and digits in set places) may be named in the sentence before."""
        if distinctive:
            return Detector._context_near(words, text, start, end)
        if introduced := _THE_NUMBER_BEFORE.search(text, max(0, start - 40), start):
            # ("my health card expired … for reference its 7291 448 305 AB"): introduced as the number, its name
            # sentences before, no other reference named between them
            names = [m for m in words.finditer(text, max(0, start - 400), start) if not _weak_id_name(m.group())]
            if names and not _REFERENCE_WORDS.search(text, names[-1].end(), introduced.start()):
                return True
        begin = max(0, start - 60)
        for cut in _SENTENCE_END.finditer(text, begin, start):
            begin = cut.end()
        if _BLOCK_VOICE.search(text, begin, start):
            return False  # "Nunca partilhe o seu NIF … Contacte-nos pelo 800 205 118": an organisation's line
        name = _near_before(words, text, start, start - begin)
        if name is None and start - begin <= 25 and _HAS_DIGIT.search(text, begin, start) is None:
            # the value a sentence of its own, or a short one ("Richtig wäre …", "It's …"), right after the
            # sentence naming the id: "Die Steuer-ID stimmt nicht. Richtig wäre …", "… mitt personnummer. 19840612-…"
            name = _near_before(words, text, start, min(start, 100))
        if name is None or _weak_id_name(name.group()):
            return False
        gap = text[name.end():start]
        return _HAS_DIGIT.search(gap) is None and _REFERENCE_WORDS.search(gap) is None and \
            len(_SENTENCE_END.findall(gap)) <= 1

    @staticmethod
    def _context_near(pattern: re.Pattern, text: str, start: int, end: int) -> bool:
        """The id's name within 40 characters before or 25 after, or anywhere in its sentence or the one before
        ("Die Steuer-ID … ist falsch. Richtig ist 54 187 629 398"), or in the sentence after, within 60 characters
        ("… rejecting 517 390 241. it's the number on my notice of assessment"): the value's checksum holds, so the
        name need not be right beside it."""
        if pattern.search(text, max(0, start - 40), start) is not None or pattern.search(text, end, end + 25):
            return True
        # (or later in its own sentence: "we've put jt 48 29 61 c on your payroll profile as your national insurance
        # number")
        sentence_end = _SENTENCE_END.search(text, end, end + 80)
        if pattern.search(text, end, sentence_end.start() if sentence_end else min(len(text), end + 80)):
            return True
        following = _SENTENCE_END.search(text, end, end + 60)
        if following is not None:
            after = _SENTENCE_END.search(text, following.end())
            if pattern.search(text, following.end(), min(after.start() if after else len(text), end + 60)):
                return True
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
        if pattern.search(text, ends[-2] if len(ends) >= 2 else 0, start) is not None:
            return True
        # ("… says my SIN "doesn't validate". … The number is 229 164 637", "Die Identifikationsnummer ist ungültig. Ich
        # habe sie … abgetippt: 84 204 967 517"): a value introduced as "the number" or after a colon, its name a few
        # sentences before
        return _THE_NUMBER_BEFORE.search(text, max(0, start - 40), start) is not None and \
            pattern.search(text, max(0, start - 400), start) is not None

    def _bank_accounts(self, text: str, words: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
        found = []
        for match in _ROUTING.finditer(text):
            if rtn.is_valid(match.group("value")):
                found.append(Finding("bank_account", *match.span("value"), 0.95, "us_routing", rule="bank.routing_aba"))
        for pattern, label in ((_SORT_CODE, "gb_sort_code"), (_BSB, "au_bsb"), (_BLZ, "de_blz"), (_AGENCIA, "br_agencia")):
            for match in pattern.finditer(text):
                if self._bank_asked_about(text, match):
                    continue
                found.append(Finding("bank_account", *match.span("value"), 0.9, label, rule="bank.branch_code"))
        if "ag" in words:
            for match in _BR_BRANCH_AND_ACCOUNT.finditer(text):
                found += [Finding("bank_account", *match.span("branch"), 0.85, "br_agencia", rule="bank.branch_code"),
                          Finding("bank_account", *match.span("value"), 0.85, "account_number",
                                  rule="bank.account_with_bank_word")]
        # a bank's own code named beside the account (BLZ, ABI and CAB, code banque and guichet, БИК, clearing):
        # a bank account, whatever word is near it
        bank = not words.isdisjoint(_BANK_CODE_GATE) and _BANK_CODE.search(text) is not None or \
            _BANK_WORDS.search(text) is not None
        abroad = _ACCOUNT_ABROAD.finditer(text) if not words.isdisjoint(_ACCOUNT_ABROAD_GATE) else ()
        for match in itertools.chain(_ACCOUNT.finditer(text), abroad, _ACCOUNT_AFTER.finditer(text)):
            digits = re.sub(r"\D", "", match.group("value"))
            longest = max(_ACCOUNT_DIGITS_MAX, _LONG_ACCOUNT_WORDS.get(" ".join(match.group("word").lower().split()), 0))
            if not 6 <= len(digits) <= longest or re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}", match.group("value")):
                continue  # (written with dots, "1503.24.71185" is a Norwegian account; "12.03.2024" a date)
            if "(" in text[match.end("word"):match.start("value")] and \
                    _REFERENCE_WORDS.search(text, match.end("word"), match.start("value")):
                continue  # "the account for the order (4471920384)": the order's number in brackets
            if _STREET_NAMED_AFTER.match(text, match.end("value")):
                continue  # "the billing address on your account to 2207-155 Yorkville Ave, …": a flat and a house
            if _NUMBER_ON_ACCOUNT_BEFORE.search(text, max(0, match.start("word") - 30), match.start("word")) and \
                    _PHONE_GROUPS_3_3_4.fullmatch(match.group("value")):
                continue  # "the number on my account is 416-802-7719": the phone number on file
            # "acct no is 7730012845": an account number introduced in words identifies the customer's
            # account whether or not a bank is named (a bank word only makes it surer).
            if bank:
                found.append(Finding("bank_account", *match.span("value"), 0.85, "account_number",
                                     rule="bank.account_with_bank_word"))
            elif match.group("word").lower() == "ac":
                continue  # ("AC unit 12345678": an air conditioner's, with no bank named)
            elif match.group("named") or match.group("word").lower() in ("acct", "a/c"):
                found.append(Finding("bank_account", *match.span("value"), 0.75, "account_number",
                                     rule="bank.account_number_named"))
            elif len(digits) >= 7 and not _vetoed(text, match.start(), _REFERENCE_WORDS):
                found.append(Finding("bank_account", *match.span("value"), 0.65, "account_number",
                                     rule="bank.account_number_named"))
        if not text.isascii() and any(sign in text for sign in _ACCOUNT_CJK_SIGNS):
            # ("银行账号", "銀行口座", "은행 계좌": the bank named with the account, as "bank account number")
            found += [Finding("bank_account", *m.span("value"), 0.8, "account_number",
                              rule="bank.account_with_bank_word" if re.search(r"银行|銀行|은행", m.group())
                              else "bank.account_number_named")
                      for m in _ACCOUNT_CJK.finditer(text) if 6 <= len(re.sub(r"\D", "", m.group("value"))) <= 19]
            found += [Finding("bank_account", *m.span("value"), 0.8, "account_number",
                              rule="bank.account_with_bank_word" if "ธนาคาร" in m.group() else "bank.account_number_named")
                      for m in _ACCOUNT_THAI.finditer(text)]
        for match in _ACCOUNT_BEFORE.finditer(text):
            found.append(Finding("bank_account", *match.span("value"), 0.75, "account_number",
                                 rule="bank.account_number_before"))
        if "code" in words or "bsb" in words or "ifsc" in words:
            found += [Finding("bank_account", *m.span("value"), 0.75, "account_number",
                              rule="bank.account_then_bank_code") for m in _ACCOUNT_THEN_BANK_CODE.finditer(text)
                      if not _PHONE_WORDS.search(text, max(0, m.start() - 20), m.start())]  # ("call 0800… with …")
        if not words.isdisjoint(_NUBAN_BANK_GATE):
            found += [Finding("bank_account", *m.span("value"), 0.8, "account_number",
                              rule="bank.account_beside_bank_name") for m in _NUBAN_THEN_BANK.finditer(text)]
        if "bank" in words or any(word.endswith("bank") for word in words):
            found += [Finding("bank_account", *match.span("value" if match.group("value") else "value2"), 0.75,
                              "account_number", rule="bank.account_beside_bank_name")
                      for match in _ACCOUNT_BESIDE_BANK_NAME.finditer(text)]
        lowered = text.lower()
        if any(sign in lowered for sign in _BANK_NAME_ABROAD_SIGNS):
            for match in _ACCOUNT_BESIDE_BANK_NAME_ABROAD.finditer(text):
                group = "value" if match.group("value") else "value2"
                digits = re.sub(r"\D", "", match.group(group))
                # (a bank's service line beside its name: "신한은행 1599-8000", "Сбербанк 8 800 555-55-50")
                if 10 <= len(digits) <= 20 and not digits.startswith(("8800", "1588", "1599", "1577", "0800")):
                    found.append(Finding("bank_account", *match.span(group), 0.75, "account_number",
                                         rule="bank.account_beside_bank_name"))
        if "ifsc" in words:
            found += [Finding("bank_account", *match.span("value" if match.group("value") else "value2"), 0.8,
                              "account_number", rule="bank.account_beside_bank_name")
                      for match in _ACCOUNT_BESIDE_IFSC.finditer(text)]
        if not words.isdisjoint(("clabe", "cbu", "cvu")):
            for match in _CLABE_OR_CBU.finditer(text):
                value = match.group()
                if (_clabe(value) if len(value) == 18 else ar_cbu.is_valid(value)) and \
                        self._context_near(_CLABE_OR_CBU_NAME, text, *match.span()):
                    found.append(Finding("bank_account", *match.span(), 0.9, "clabe" if len(value) == 18 else "cbu",
                                         rule="bank.clabe_or_cbu"))
        return found

    @staticmethod
    def _alphanumeric_codes(text: str) -> list[Finding]:
        found = []
        for match in _ALNUM_CODE.finditer(text):
            if match.group("between") and _NOT_A_SECRET_CODE.fullmatch(match.group("between")):
                continue  # "gate code model GC200X": another thing's code
            confidence = 0.8 if "-" in match.group("value") else 0.85  # (a recovery code's own rule names it better)
            found.append(Finding("secret", *match.span("value"), confidence, "one_time_code",
                                 rule="secret.one_time_code"))
        found += [Finding("secret", *m.span("value"), 0.8, "one_time_code", rule="secret.one_time_code")
                  for m in _PICKUP_CODE_FOR.finditer(text)]
        return found

    def _bank_asked_about(self, text: str, match: re.Match) -> bool:
        """A branch code alone in a question ("is sort code 20-00-00 barclays?"): a bank's public code asked about,
        with no account number in the text and not said to be the writer's."""
        sentence_end = _SENTENCE_END.search(text, match.end())
        if sentence_end is None or "?" not in sentence_end.group():
            return False
        before = text[max(0, match.start() - 40):match.start()]
        return _OWNER_CUE.search(before + " ") is None and not re.search(r"(?i)\bmy\b", before) and \
            not any(m.start() != match.start() for m in re.finditer(r"(?<![\d-])\d{6,}(?![\d-])", text)
                    if not m.group().startswith(re.sub(r"\D", "", match.group("value"))))

    def _secrets(self, text: str, words: frozenset[str] | set[str], digits: int) -> list[Finding]:
        """digits: how many digits text has (counted once by _find)."""
        found = []
        if digits >= 16:  # a card number in the text: the code after its expiry date
            for match in _EXPIRY_THEN_CODE.finditer(text):
                found.append(Finding("secret", *match.span("value"), 0.8, "card_security_code",
                                     rule="secret.code_after_expiry"))
            found += [Finding("secret", *m.span("value"), 0.85, "card_security_code", rule="secret.card_code_by_place")
                      for m in itertools.chain(_CARD_BACK_CODE.finditer(text), _CODE_THEN_BACK.finditer(text))
                      if not _LAST_DIGITS_BEFORE.search(text, max(0, m.start("value") - 35), m.start("value"))]
            if _CARD_CODE_NAMED.search(text):  # ("card + the 3 digits on back. its 4485 … 5565 and 708")
                found += [Finding("secret", *m.span("value"), 0.85, "card_security_code",
                                  rule="secret.card_code_by_place") for m in _CARD_THEN_CODE.finditer(text)]
        elif digits >= 3 and not words.isdisjoint(_CARD_BACK_GATE):
            # no card number in the text: a code named by where cards print it is still a card's ("the code on the
            # back is 123", "el código de atrás"); one named only by its length or as a check digit is not; nor a
            # card's last digits ("card ke last 4 digit 8806 hai")
            found += [Finding("secret", *m.span("value"), 0.8, "card_security_code", rule="secret.card_code_by_place")
                      for m in _CARD_BACK_CODE.finditer(text) if m.group("place") and
                      not _LAST_DIGITS_BEFORE.search(text, max(0, m.start("value") - 35), m.start("value"))]
        if not words.isdisjoint(_ALNUM_CODE_GATE):
            found += self._alphanumeric_codes(text)
        for match in _RECOVERY_CODES.finditer(text) if not words.isdisjoint(_RECOVERY_GATE) else ():
            for item in _CODE_ITEM_ANY.finditer(text, match.start("values"), match.end("values")):
                if len(re.sub(r"\W", "", item.group())) >= 6 and not re.fullmatch(r"(?:19|20)\d\d(?:-(?:19|20)\d\d)?", item.group()):
                    found.append(Finding("secret", *item.span(), 0.8, "recovery_code", rule="secret.recovery_codes"))
        if digits >= 12 and not words.isdisjoint(_VOUCHER_GATE):
            # (not one already spent: "voucher no. 8811-4471-2207 … Redeemed already")
            found += [Finding("secret", *m.span("value"), 0.9, "gift_code", rule="secret.voucher_digits")
                      for m in _VOUCHER_DIGITS.finditer(text)
                      if not _SPENT_CODE.search(self._sentences_around(text, m.start(), m.end()))]
        if not words.isdisjoint(_GIFT_GATE_WORDS):
            for match in _GIFT_CODE.finditer(text):
                # its sentence, or the one before or after ("Here's a replacement code: … It's ready to redeem")
                sentence = self._sentences_around(text, match.start(), match.end())
                if _GIFT_WORDS.search(sentence) and not _placeholder(match.group()) and \
                        not _PERCENT_OFF.search(sentence) and not _SPENT_CODE.search(sentence) and \
                        not _ID_LABEL_BEFORE.search(text, max(0, match.start() - 16), match.start()) and \
                        not _PROMO_BEFORE.search(text, max(0, match.start() - 30), match.start()) and \
                        not _JOURNEY_BEFORE.search(text, max(0, match.start() - 12), match.start()) and \
                        not _promotion_shaped(match.group("value")):
                    found.append(Finding("secret", *match.span("value"), 0.85, "gift_code", rule="secret.gift_code"))
        pin_abroad = not words.isdisjoint(_PIN_ABROAD_GATE)
        pin_words = pin_abroad or not words.isdisjoint(_PIN_GATE_WORDS)
        if pin_words or not words.isdisjoint(_PIN_BEFORE_GATE):
            for match in _PIN_BEFORE.finditer(text):
                found.append(Finding("secret", *match.span("value"), 0.85, "pin", rule="secret.before_cue"))
        if pin_words:
            for match in itertools.chain(_PIN.finditer(text), _PIN_ABROAD.finditer(text) if pin_abroad else ()):
                found.append(Finding("secret", *match.span("value"), 0.95, "pin", rule="secret.pin"))
        if not words.isdisjoint(_CVV_GATE_WORDS) or not text.isascii() and ("安全码" in text or "安全碼" in text):
            for match in _CVV.finditer(text):
                if _REFERENCE_WORDS.search(text, match.start() + 3, match.start("value")):
                    continue  # "security code field is empty on order 1234"
                found.append(Finding("secret", *match.span("value"), 0.9, "card_security_code",
                                     rule="secret.card_code"))
        if digits >= 4 and not words.isdisjoint(_LOCK_CODE_GATE) and not words.isdisjoint(_LOCK_GATE):
            found += self._lock_codes(text)
        if digits >= 3 and not words.isdisjoint(_LOCK_VALUE_GATE):
            found += self._lock_values(text)
        if "\n" in text and "?" in text:
            # "[17:42] Conseiller Karim : quel est le code de la porte ?\n[17:42] Vous : 47B29, puis 3e gauche"
            for match in _CODE_ANSWERED_NEXT_LINE.finditer(text):
                asked = _WORD_BEFORE.search(text, max(0, match.start() - 24), match.start())
                word = asked.group(1).lower() if asked else ""
                if not re.fullmatch(r"(?:19|20)\d\d", match.group("value")) and \
                        not _NOT_A_SECRET_CODE.fullmatch(word) and word not in _NOT_OTP_CODE:  # ("order code?", a year)
                    found.append(Finding("secret", *match.span("value"), 0.85, "code",
                                         rule="secret.code_answered_next_line"))
        if "recovery" in words or "backup" in words:
            # "7HQK-2M9P-XW4R-88TD-LC3V. That's what's printed on the sheet … I set it up in 2019 as my recovery key"
            found += [Finding("secret", *m.span("value"), 0.85, "recovery_code", rule="secret.recovery_codes")
                      for m in _RECOVERY_KEY_SHAPE.finditer(text)
                      if _RECOVERY_NAMED.search(text, m.end(), min(len(text), m.end() + 250)) and
                      not _REFERENCE_WORDS.search(text, max(0, m.start() - 20), m.start())]  # ("order ABCD-1234-…")
        if "yung" in words or "ang" in words:
            # "sure ako na 7702 yung MPIN ko": the value, then which PIN it is (Tagalog)
            found += [Finding("secret", *m.span("value"), 0.85, "pin", rule="secret.before_cue")
                      for m in _PIN_BEFORE_TAGALOG.finditer(text)]
        if not words.isdisjoint(_PUT_IN_HINGLISH_GATE):
            # "delivery boy ne bola UPI pin daalo …, maine 7391 daal diya": a PIN named before, then put in
            found += [Finding("secret", *m.span("value"), 0.8, "pin", rule="secret.given_away")
                      for m in _PUT_IN_HINGLISH.finditer(text)
                      if _PIN_OR_PASSWORD.search(text, max(0, m.start() - 120), m.start()) or
                      re.search(r"(?i)\b(?:otp|code)\b", text[max(0, m.start() - 120):m.start()])]
        if digits >= 2 and not words.isdisjoint(_PORTING_GATE):
            found += [Finding("secret", *m.span("value" if m.group("value") else "rio"), 0.85, "porting_code",
                              rule="secret.porting_code")
                      for m in _PORTING_CODE_ABROAD.finditer(text)]
            found += [Finding("secret", *m.span("value"), 0.85, "porting_code", rule="secret.porting_code")
                      for m in _PORTING_CODE.finditer(text) if digits >= 3]
        if not words.isdisjoint(_CODE_CUE_WORDS):
            found += self._codes_in_context(text, digits, not words.isdisjoint(_CODE_BELIEVED_GATE))
        if not words.isdisjoint(_CODE_GATE_WORDS):
            for match in _CODE_LABELLED.finditer(text):
                value = match.group("value")
                if _NOT_A_SECRET_CODE.search(match.group("between")) or \
                        _NOT_A_SECRET_CODE.search(text, max(0, match.start() - 25), match.start()) or \
                        re.fullmatch(r"(?:19|20)\d\d", value) or \
                        sum(map(str.isdigit, value)) == 3 and not _DOOR_BETWEEN.search(match.group("between")) or \
                        _word_before(text, match.start()) in _NOT_OTP_CODE or \
                        _REFERENCE_WORDS.search(text, max(0, match.start() - 25), match.start("value")):
                    continue
                found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.code_labelled"))
            if not words.isdisjoint(_CODE_PASSED_GATE):
                for match in _CODE_PASSED_ABROAD.finditer(text):
                    previous = re.search(r"(\S+)\s*$", text[max(0, match.start() - 25):match.start()])
                    # (the word right before says which code: "promo code", "Rabatt-Code"; "me han pedido el
                    # código" is a code asked for, "pedido" is no order there)
                    if _NOT_A_SECRET_CODE.search(match.group("between")) or \
                            previous is not None and _NOT_A_SECRET_CODE.fullmatch(previous.group(1)) or \
                            re.fullmatch(r"(?:19|20)\d\d", match.group("value")) or \
                            not _CODE_PASSED_WORDS.search(self._sentence_around(text, match.start(), match.end())):
                        continue
                    found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.code_received"))
        if not words.isdisjoint(_OTP_ABROAD_GATE):
            # ("signalez-le au 33700", "send it to 7726": a number to send something to, not a code)
            found += [Finding("secret", *m.span("value"), 0.9, "one_time_code", rule="secret.one_time_code")
                      for m in _OTP_ABROAD.finditer(text)
                      if not _SENT_TO_NUMBER.search(text, max(0, m.start("value") - 12), m.start("value"))]
        if words.isdisjoint(_OTP_GATE_WORDS):
            return found
        for match in _OTP.finditer(text):
            word = match.group("word").lower()
            # "sms", "login" … alone are everywhere; they make a one-time code only together with "code"
            if word in _OTP_CONTEXT_NEEDS_CODE and not re.search(r"(?i)\b(?:code|pin|passcode)\b", match.group()):
                continue
            if _SHORT_CODE_BEFORE.search(text, max(0, match.start("value") - 16), match.start("value")):
                continue  # "verification texts come from short code 72975": the number they are sent from
            if _ID_LABEL_BEFORE.search(text, max(0, match.start("value") - 16), match.start("value")):
                continue  # '… a "verification code". reporting user id 77104418': another number, labelled
            if re.fullmatch(r"\d\d-\d\d-\d\d", match.group("value")) and \
                    not re.search(r"(?i)(?<!sort )\bcode\b", match.group()):
                continue  # (three pairs only after a code's word: "sms from bank: sort code 20-45-77" is a bank's)
            found.append(Finding("secret", *match.span("value"), 0.9, "one_time_code", rule="secret.one_time_code"))
        for match in _CODE.finditer(text) if _may_match(text, _CODE_GATE) else ():
            before = (match.group("before") or "").lower()
            if before in _NOT_OTP_CODE:
                continue
            around = text[max(0, match.start() - 30):match.end() + 20]
            if _OTP_SENT.search(around):
                found.append(Finding("secret", *match.span("value"), 0.8, "one_time_code", rule="secret.code_received"))
        return found

    def _codes_said_loosely(self, text: str) -> list[Finding]:
        """A code named and then given loosely: digit by digit ("a … új kódja: 3 8 1 5", "Ausfahrtscode von der
        App ist 0 7 2 2 9 1", "le nouveau code est 3B 9 0 4"), a word or two after its "is" ("lautet ab heute
        8254"), as "the old one was 2741" after its name, or right after a compound ending in its word
        ("Abholcode 507 193")."""
        found = []
        for match in itertools.chain(_DIGIT_BY_DIGIT.finditer(text),
                                     _IS_THEN_FILLER.finditer(text), _THE_OLD_ONE.finditer(text),
                                     _SET_IT_AS.finditer(text)):
            start = match.start("value")
            value = match.group("value")
            if match.re is _IS_THEN_FILLER and (_NOT_A_FILLER.search(match.group("filler")) or
                                                re.fullmatch(r"(?:19|20)\d\d", value)):
                continue  # "the code is valid until 2359", "… ist seit 2019": a time, a year
            if match.re is _THE_OLD_ONE or match.re is _SET_IT_AS:
                before = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
                begin = before[-2] if len(before) >= 2 else 0  # (its sentence or the one before)
            else:
                before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
                begin = before[-1] if before else 0
            word = None
            for candidate in _LOOSE_CODE_WORD.finditer(text, max(begin, start - 100), match.start()):
                word = candidate
            if word is None or match.re is _IS_THEN_FILLER and word.end() > match.start():
                continue
            name = (word.group("word") or "").lower()
            head = re.sub(r"(?:codes?|kod\w*|kód\w*|koodi\w*|c[óo]digo|codice|pin\S*|passcode)$", "", name).rstrip("-")
            if _NOT_A_SECRET_CODE.fullmatch(name) or head and _NOT_A_SECRET_COMPOUND.search(head) or \
                    not name and _NOT_A_THAI_SECRET.match(text, word.end()) or \
                    _word_before(text, word.start()) in _NOT_OTP_CODE or \
                    _NOT_A_SECRET_CODE.search(text, max(begin, word.start() - 20), start) or \
                    _REFERENCE_WORDS.search(text, max(begin, word.start() - 20), start):
                continue  # "zip code 1 0 0 0 1", "Fehlercode … ist jetzt 4 0 4 1", "order code … 1 2 3 4"
            found.append(Finding("secret", start, match.end("value"), 0.8, "code", rule="secret.code_said_loosely"))
        for match in _COMPOUND_CODE_DIGITS.finditer(text):
            head = re.sub(r"(?:code|kod\w*|kode\w*|koodi)$", "", match.group("word").lower()).rstrip("-")
            if not head or _NOT_A_SECRET_COMPOUND.search(head) or _NOT_A_SECRET_CODE.fullmatch(head) or \
                    re.fullmatch(r"(?:19|20)\d\d", match.group("value")):
                continue
            found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.code_said_loosely"))
        return found

    def _passwords_set_off(self, text: str) -> list[Finding]:
        """A password given later in its sentence, set off by a comma, colon or bracket ("set the password you chose
        on the call, coffee-at-nine-31", "it's his name + 2015 (jacob2015)", "… ach egal: Mario_Kart88!"), and a
        value before "is the password" in the other languages ("soleil2003 c'est le mot de passe")."""
        found = []
        for word in _A_PASSWORD_WORD.finditer(text):
            after = _SENTENCE_END.search(text, word.end())
            end = min(after.start() if after else len(text), word.end() + 160)
            # ("…" or "..." inside a sentence is no end: "schicke ich hier nicht... ach egal: Mario_Kart88!")
            while after is not None and text[after.start():after.start() + 3] in ("...", "…") and end < len(text):
                after = _SENTENCE_END.search(text, after.end())
                end = min(after.start() if after else len(text), word.end() + 160)
            for match in _SET_OFF_VALUE.finditer(text, word.end(), min(len(text), end + 1)):
                value = match.group("value")
                if _NOT_A_SET_OFF_PASSWORD.search(value) or _placeholder(value) or \
                        _PASSWORD_TALK.search(text, word.end(), match.start("value")) or \
                        not _looks_made_up(value) or re.fullmatch(r"[A-Z0-9]+", value) and \
                        not re.search(r"\bso:\s*$|\bi\.e\.\s*$", text[max(0, match.start() - 1):match.start("value")]):
                    continue
                found.append(Finding("secret", *match.span("value"), 0.7, "password", rule="secret.password_set_off"))
                break
        for match in _VALUE_IS_THE_PASSWORD.finditer(text):
            if not _NOT_A_SET_OFF_PASSWORD.search(match.group("value")) and not _placeholder(match.group("value")):
                found.append(Finding("secret", *match.span("value"), 0.7, "password", rule="secret.password_set_off"))
        return found

    def _passwords_changed_to(self, text: str) -> list[Finding]:
        """A password or code changed, reset or set to a value (_SECRET_CHANGED_TO, _VALUE_THEN_CHANGED): a made-up value
        with a password word in its sentence, the one before or the one after ("I reset it to Summer2025! but the
        app still says wrong password"), or a strong one (a capital, a small letter, a digit or symbol) the
        writer changed "it" to; a code's digits when the verb's object is the code ("changed the door code to
        4471"). Not a promotion's or a post code, a version, a date, an amount or a place."""
        found = []
        matches = []
        for verb in _SECRET_CHANGED_VERB.finditer(text):
            stop = _SENTENCE_END.search(text, verb.end())
            stop_at = min(stop.start() if stop else len(text), verb.end() + 90)
            for to in _SECRET_CHANGED_TO.finditer(text, verb.end(), stop_at + 41):
                between = text[verb.end():to.start()]
                if len(between.split()) > 4 or re.search(r"[,;:()]", between):
                    break
                matches.append((to, between, verb.start()))
        matches += [(m, "", m.start()) for m in _VALUE_THEN_CHANGED.finditer(text)]
        taken: set[int] = set()
        for match, obj, head in matches:
            named = match.groupdict()
            group = next(g for g in ("value", "tr", "cjk", "zh") if named.get(g))
            forward = match.re is _SECRET_CHANGED_TO
            if match.start(group) in taken:
                continue
            value = match.group(group)
            bare = value.rstrip(".,;:)?\"'”’»")
            if bare.endswith("!") and not re.search(r"[\d_#$%&*@]", bare[:-1]):
                bare = bare.rstrip("!")
            start = match.start(group)
            if not bare or "." in bare or _placeholder(bare) or _CURRENCY_AFTER.match(text, start + len(bare)) or \
                    not bare.isdigit() and _NOT_A_SET_OFF_PASSWORD.search(bare):
                continue
            sentences = self._sentences_around(text, start, start + len(bare))
            if bare.isdigit():
                # (a code's digits: the code named as what was changed, "the door code", "el PIN", or right before
                # the verb, "de pincode veranderd naar …")
                code = _CHANGED_CODE_WORD.search(obj) or _CHANGED_CODE_WORD.search(text, max(0, head - 30), head)
                if code is None or not 4 <= len(bare) <= 8 or _NOT_A_SECRET_CODE.search(obj) or \
                        _NOT_A_SECRET_CODE.search(text, max(0, head - 30), head) or \
                        re.fullmatch(r"(?:19|20)\d\d", bare) and code.group().lower() not in ("pin", "pincode"):
                    continue
            elif not (self._made_up_value(bare) or _PRODUCT_VERSION.fullmatch(bare) and
                      _CHANGED_SECRET_WORD.search(text, max(0, match.start() - 60), match.start(group)) and
                      self._made_up_value(bare + "!")) or _REFERENCE_WORDS.search(obj) or \
                    _NOT_A_SECRET_CODE.search(obj):
                continue  # ("Papillon75": a word and two digits, a password when its word is right before)
            elif not _CHANGED_SECRET_WORD.search(sentences) and not (
                    forward and re.fullmatch(r"(?i)\s+(?:it|that|this|mine|them)", obj) and
                    _character_kinds(bare) >= 3 and re.match(r"[^\W\d_]", bare)):
                continue
            if forward and _CHANGED_SECRET_WORD.search(sentences) is None and not bare.isdigit() and \
                    _NOT_A_SECRET_CODE.search(sentences):
                continue
            taken.add(start)
            found.append(Finding("secret", start, start + len(bare), 0.75,
                                 "code" if bare.isdigit() else "password", rule="secret.changed_to"))
        return found

    @staticmethod
    def _answers_by_topic(text: str) -> list[Finding]:
        """An answer to a security question labelled by its topic (_ANSWER_TOPIC), given as the answer to one
        (_ANSWER_TO_QUESTION) or said to be one after it (_ANSWER_SAID_AFTER)."""
        found = []
        for match in itertools.chain(_ANSWER_TOPIC.finditer(text), _ANSWER_TO_QUESTION.finditer(text),
                                     _ANSWER_SAID_AFTER.finditer(text), _ANSWER_QUOTED_AS.finditer(text)):
            group = "held" if match.re is _ANSWER_QUOTED_AS and match.group("held") else "value"
            value = match.group(group).strip("\"'“”‘’")
            first = value.split()[0] if value.split() else ""
            if not value or _NOT_AN_ANSWER_START.match(first.rstrip(".,")) or value.lower() in _WEAK_VALUES or \
                    value.lower() in _NOT_AN_ANSWER or first.lower().rstrip(".") in _NOT_AN_ANSWER or \
                    _placeholder(value) or value[-1:] == "?":
                continue
            if match.re is _ANSWER_TOPIC and "?" in (match.group("question") or "") and \
                    not re.search(r"[:=]", match.group("question")):
                continue  # ("first pet? - no idea"): the topic asked about, not labelled
            if match.re is _ANSWER_TOPIC and _WEAK_ANSWER_TOPIC.match(match.group()) and \
                    not _SECURITY_CUE.search(text):
                continue  # ("favourite film: Inception" on a form that asks for no secret)
            found.append(Finding("secret", *match.span(group), 0.8, "answer", rule="secret.answer_by_topic"))
        return found

    def _codes_of_what_they_open(self, text: str, words: frozenset[str] | set[str]) -> list[Finding]:
        """Digits after what they open with no code word (_OPENED_BY_DIGITS), or keyed in to get in (_KEYED_IN):
        after ":" or "is", four digits or more (three for a padlock or a key safe); right after a lock that only
        a code opens, three or more; a code ending in "#" or "*" after any of them. Not a year right after a door
        or gate, an alarm clock's time, an airport's gate, a bill's amount."""
        found = []
        # (searched in a window before each run of digits: cheaper than the words' long alternation over the text)
        runs = [m.span() for m in _DIGITS.finditer(text) if m.end() - m.start() <= 8]
        opened = []
        if not words.isdisjoint(_OPENED_BY_DIGITS_GATE):
            seen: set[int] = set()
            for start, end in runs:
                for match in _OPENED_BY_DIGITS.finditer(text, max(0, start - 70), min(len(text), end + 20)):
                    if match.start("value") not in seen:
                        seen.add(match.start("value"))
                        opened.append(match)
        if opened:
            for match in opened:
                value = match.group("value")
                digits = sum(map(str.isdigit, value))
                said = re.search(r"[:=—–-]|\w", match.group("sep").replace("(", " ").split(")")[-1]) is not None
                keyed = value[-1] in "#*"
                lock = match.group("lock") is not None
                # (a code word right before names the digits as its: "kod do alarmu 1288", "code for the gate 4471")
                said = said or _CODE_WORD_BEFORE_LOCK.search(text, max(0, match.start() - 16), match.start()) is not None
                if not (keyed or said and digits >= (3 if lock else 4) or lock and digits >= 3 or
                        digits >= 4 and re.search(r"[ \-–]", value)):
                    continue
                if not keyed and not said and re.fullmatch(r"(?:19|20)\d\d", value) or \
                        _MONEY_AFTER.match(text, match.end("value")) or \
                        _NOT_A_LOCK_CODE.search(self._sentence_around(text, match.start(), match.end())) or \
                        _NOT_A_SECRET_CODE.search(text, max(0, match.start() - 25), match.end("value")) or \
                        _REFERENCE_WORDS.search(text, max(0, match.start() - 25), match.start("value")):
                    continue
                found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.opened_by_digits"))
        if not words.isdisjoint(_KEYED_IN_GATE):
            keyed_in: dict[int, re.Match] = {}
            for start, end in runs:
                for match in _KEYED_IN.finditer(text, max(0, start - 16), min(len(text), end + 60)):
                    keyed_in.setdefault(match.start("value"), match)
            for match in keyed_in.values():
                value = match.group("value")
                if _MONEY_AFTER.match(text, match.end("value")) or \
                        _NOT_A_LOCK_CODE.search(self._sentence_around(text, match.start(), match.end())) or \
                        _NOT_A_SECRET_CODE.search(text, max(0, match.start() - 25), match.end("value")):
                    continue
                found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.opened_by_digits"))
        return found

    @staticmethod
    def _codes_before_their_name(text: str, words: frozenset[str] | set[str]) -> list[Finding]:
        """A code given before its name (_CODE_BEFORE_ITS_NAME), and Turkish codes owned or received
        (_TURKISH_CODE)."""
        found = []
        if not words.isdisjoint(_CODE_BEFORE_ITS_NAME_GATE):
            for match in _CODE_BEFORE_ITS_NAME.finditer(text):
                value = match.group("value")
                if _NOT_A_SECRET_CODE.search(match.group("between")) or \
                        _NOT_A_SECRET_CODE.search(text, match.end("between"), match.end()) and \
                        not re.search(r"(?i)pin|otp|passcode|tan$", match.group()) or \
                        re.fullmatch(r"(?:19|20)\d\d", value) or \
                        _REFERENCE_WORDS.search(text, max(0, match.start() - 20), match.start()):
                    continue  # ("12345 is your post code", "2024 is the year code", "order 4471 is the code …")
                found.append(Finding("secret", *match.span("value"), 0.85, "one_time_code",
                                     rule="secret.code_before_its_name"))
        if not words.isdisjoint(_TURKISH_CODE_GATE):
            for match in _TURKISH_CODE.finditer(text):
                group = "value" if match.group("value") else "before"
                found.append(Finding("secret", *match.span(group), 0.85, "one_time_code",
                                     rule="secret.code_before_its_name"))
        return found

    def _codes_by_text(self, text: str) -> list[Finding]:
        """A one-time code received by text with no code word (_OTP_SHAPED in a clause with a message word and a
        word of sending or receiving), or named as "the six digits" (_DIGITS_WORD). Not a number sent to or
        from ("reply STOP to 88022"), an amount, a time, an order's or another reference's number."""
        found = []
        for match in _OTP_SHAPED.finditer(text):
            start, end = match.span("value")
            ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
            begin = ends[-1] if ends else 0
            after = _SENTENCE_END.search(text, end)
            clause = text[begin:after.start() if after else len(text)]
            named = _DIGITS_WORD.search(text, max(begin, start - 60), start) is not None
            # (or sent to confirm something: "the bank sent 552019 to confirm the payment")
            purpose = _CODES_PURPOSE.match(text, end) is not None
            if not named and (_MESSAGE_WORD.search(clause) is None and not purpose or
                              _RECEIVED_WORD.search(clause) is None):
                continue
            if re.search(r"(?i)(?:\b(?:to|an|à|al|a|from|von|de|från|fra|na|od|do|of|on|dated|vom|du|del|number|"
                         r"nummer|numéro|número|no|nr|tel|phone|call|ring|pay|paid|#)\.?|[+(])\s*$",
                         text[max(begin, start - 12):start]) or \
                    _MONEY_AFTER.match(text, end) or _CURRENCY_AFTER.match(text, end) or \
                    re.match(r"(?i)\s*(?:won|yen|rupees?|rs|inr|naira|pesos?|baht|dong|vnd|rub|руб\w*|lira|tl)\b",
                             text[end:end + 12]) or \
                    re.search(r"(?i)\b(?:order|tracking|booking|ticket|invoice|case|reference|ref|account|customer|"
                              r"member|policy|flight|parcel|package|shipment|zip|post|postal|postcode|error|promo|"
                              r"discount|coupon|voucher|sort|serial|model)\b", text[max(begin, start - 40):start]):
                continue
            found.append(Finding("secret", start, end, 0.8, "one_time_code", rule="secret.code_by_text"))
        return found

    @staticmethod
    def _pickup_codes(text: str) -> list[Finding]:
        """What hands over a parcel or an order, named as its number, PIN or code (_PICKUP_NAMED); not a year, nor
        an amount, a time or another reference's number named right before it."""
        found = []
        for match in _PICKUP_NAMED.finditer(text):
            value = match.group("value")
            if re.fullmatch(r"(?:19|20)\d\d", value) or _MONEY_AFTER.match(text, match.end("value")) or \
                    re.match(r"[:.]\d", text[match.end("value"):match.end("value") + 2]) or \
                    _placeholder(value):
                continue
            found.append(Finding("secret", *match.span("value"), 0.8, "pickup_code", rule="secret.pickup_named"))
        return found

    def _values_typed(self, text: str) -> list[Finding]:
        """A made-up value typed, entered or logged in with, in a sentence that says it fails or gets the writer
        in (_TYPED_VALUE, _TYPED_FAILS): letters with digits or symbols, not a product and its version, a reference
        of capitals and digits, an address, a date or a link."""
        found = []
        for match in _TYPED_VALUE.finditer(text):
            bare = match.group("value").rstrip(".!?,;:)")
            start = match.start("value")
            if text[start + len(bare):start + len(bare) + 1] == "!" and re.search(r"[\d#$%&*@_]", bare):
                bare += "!"  # ("Marley2015! and it fails": the "!" is the password's)
            if not re.search(r"\d|[^\w\s](?=\w)", bare):
                continue  # ("rejected return:", "use these:": a word and its colon)
            # (quoted, a word and two digits is typed as it is: "use 'Tuesday99' to log in")
            quoted = text[start - 1:start] in ("'", '"', "“", "‘") and _PRODUCT_VERSION.fullmatch(bare) is not None
            # (or a word and a digit with its corrected spelling near, made up: "you typed bluefalcon8 … the one you set
            # is BlueFalc0n_88")
            if not (self._made_up_value(bare) or quoted and self._made_up_value(bare + "!") or
                    _PRODUCT_VERSION.fullmatch(bare) and any(self._made_up_value(twin) for _, twin in _twins(text, start, bare))) \
                    or "." in bare or \
                    re.fullmatch(r"[A-Z]{1,4}-?\d+", bare) or \
                    re.fullmatch(r"\d+[a-zA-Z]{1,3}", bare):
                continue  # ("Windows11", "v4.2.1", "E-2291", "5GHz")
            # (its sentence and the ones beside it: "i keep putting in Marley2015! and it fails")
            sentence = self._sentences_around(text, start, start + len(bare))
            # (or typed as a password, its word in the sentence: "jag skriver in smultron88 som står på lappen (alltså
            # wifi-lösenordet)")
            if _TYPED_FAILS.search(sentence) is None and \
                    not _PASSWORD_WORD_ANY.search(self._sentence_around(text, start, start + len(bare))) or \
                    _REFERENCE_WORDS.search(text, max(0, start - 25), start) or \
                    _AS_A_REFERENCE_AFTER.match(text, start + len(bare)) or \
                    _NOT_A_SECRET_CODE.search(text, max(0, start - 25), start):
                continue
            found.append(Finding("secret", start, start + len(bare), 0.75, "password", rule="secret.typed_value"))
        return found

    def _mailbox_then_password(self, text: str) -> list[Finding]:
        """A made-up value right after a mailbox, with a log-in word near (_EMAIL_THEN_VALUE, _LOGIN_CONTEXT)."""
        found = []
        for match in _EMAIL_THEN_VALUE.finditer(text):
            bare = match.group("value").rstrip(".!?,;:)")
            start = match.start("value")
            if text[start + len(bare):start + len(bare) + 1] == "!" and re.search(r"[\d#$%&*@_]", bare):
                bare += "!"
            if not self._made_up_value(bare) or "." in bare.rstrip("!") or not re.search(r"\d|[^\w\s](?=\w)", bare) or \
                    _LOGIN_CONTEXT.search(self._sentences_around(text, match.start(), start + len(bare))) is None:
                continue  # ("write to anna@web.de 2x a week", "ops@acme.io v2.1")
            found.append(Finding("secret", start, start + len(bare), 0.8, "password", rule="secret.mailbox_then_password"))
        return found

    @staticmethod
    def _more_secrets(text: str, words: frozenset[str] | set[str], digits: int) -> list[Finding]:
        """Secrets in shapes found from unseen.jsonl: codes owned, read out or bracketed after their word, a Wi-Fi QR
        string's key, credentials typed on two lines, a quoted security answer, a list of recovery-phrase words."""
        found = []
        if digits >= 4 and not words.isdisjoint(_CODE_AFTER_GATE):
            for match in itertools.chain(_CODE_OWNED.finditer(text), _CODE_SHAPED_AFTER.finditer(text),
                                         _CODE_IN_BRACKETS.finditer(text)):
                value = match.group("value")
                before = (match.groupdict().get("before") or "").strip().lower()
                if re.fullmatch(r"(?:19|20)\d\d", value) and not (
                        match.re is _CODE_IN_BRACKETS and
                        _FOR_A_LOCKED_PLACE.search(text, match.start(), match.start("value"))) or \
                        _NOT_A_SECRET_CODE.fullmatch(before) or \
                        before in _NOT_OTP_CODE or \
                        _NOT_A_SECRET_CODE.search(text, match.start(), match.start("value")) or \
                        _REFERENCE_WORDS.search(text, max(0, match.start() - 20), match.start("value")):
                    continue  # "zip code 1 0 0 0 1", "error code (4471)", "order code 448 120"
                found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.code_after_word"))
        if "wifi" in words:
            found += [Finding("secret", *m.span("value"), 0.95, "password", rule="secret.wifi_qr")
                      for m in _WIFI_QR.finditer(text)]
        if "\n" in text and not words.isdisjoint(_TYPED_GATE):
            for match in _TYPED_LINES.finditer(text):
                if _looks_made_up(match.group("value")) and _LOGIN_CONTEXT.search(text) or \
                        _character_kinds(match.group("value")) >= 3:
                    found.append(Finding("secret", *match.span("user"), 0.75, "username", rule="secret.typed_lines"))
                    found.append(Finding("secret", *match.span("value"), 0.85, "password", rule="secret.typed_lines"))
        if not words.isdisjoint(_ANSWER_GATE):
            for match in _ANSWER_QUOTED.finditer(text):
                value = match.group("value").strip()
                if value.lower() in _WEAK_VALUES or value.lower() in _NOT_AN_ANSWER or len(value.split()) > 3 or \
                        not (_looks_made_up(value) or _SECURITY_QUESTION.search(text) or "question" in words or
                             "frage" in words or "pregunta" in words or "question" in text.lower()):
                    continue
                found.append(Finding("secret", *match.span("value"), 0.8, "answer", rule="secret.answer_quoted"))
        if not words.isdisjoint(_TRIED_WITH_GATE):
            for match in _LOGIN_ATTEMPT_ABROAD.finditer(text):
                bare = match.group("value").rstrip(".,;:!?)")
                if _looks_made_up(bare):
                    found.append(Finding("secret", match.start("value"), match.start("value") + len(bare), 0.8,
                                         "password", rule="secret.login_attempt"))
        if not words.isdisjoint(_SEED_GATE) or "phrase" in words:
            found += [Finding("secret", *m.span("value"), 0.8, "password", rule="secret.seed_words_listed")
                      for m in itertools.chain(_SEED_LIST.finditer(text), _SEED_SPACED.finditer(text))]
        return found

    @staticmethod
    def _accounts_by_shape(text: str, digits: int) -> list[Finding]:
        """Bank accounts written in a shape only they have (see _NZ_ACCOUNT, _SORT_CODE_AND_ACCOUNT, _CZ_ACCOUNT,
        _ES_CCC, _NRB)."""
        found = []
        if "-" in text:
            found += [Finding("bank_account", *m.span(), 0.85, "NZ", rule="bank.account_shape")
                      for m in _NZ_ACCOUNT.finditer(text)]
            found += [Finding("bank_account", *m.span(), 0.85, "GB", rule="bank.account_shape")
                      for m in _SORT_CODE_AND_ACCOUNT.finditer(text)]
        if "/" in text:
            found += [Finding("bank_account", *m.span(), 0.9, "CZ", rule="bank.account_shape")
                      for m in _CZ_ACCOUNT.finditer(text) if cz_bankaccount.is_valid(m.group())]
        if digits >= 20:
            for match in _ES_CCC.finditer(text):
                # (its 4 4 2 10 groups after an account word are one whether or not its check digits hold: a typo)
                named = _ACCOUNT_WORD_BEFORE.search(text, max(0, match.start() - 60), match.start())
                if (es_ccc.is_valid(re.sub(r"\D", "", match.group())) or named and match.group(1)) and \
                        (match.group(1) or named):
                    found.append(Finding("bank_account", *match.span(), 0.9, "ES", rule="bank.account_shape"))
        if digits >= 26:
            for match in _NRB.finditer(text):
                if stdnum_iban.is_valid("PL" + re.sub(r"\D", "", match.group())):
                    found.append(Finding("bank_account", *match.span(), 0.9, "PL", rule="bank.account_shape"))
        return found

    @staticmethod
    def _secrets_near_their_word(text: str, words: frozenset[str] | set[str]) -> list[Finding]:
        """Values shaped as secrets near a secret's word, in its sentence or the one before and within
        _NEAR_A_SECRET_WORD characters (see _PASSWORD_SHAPED, _CODE_SHAPED), in no set phrase."""
        found = []
        lowered = text.lower()

        def cue_spans(word_set: frozenset[str], phrases: re.Pattern) -> list[tuple[int, int]]:
            spans = [m.span() for m in phrases.finditer(text)]
            for word in word_set.intersection(words):  # (or joined by a hyphen: "WLAN-Schlüssel", "PIN-Code")
                spans += [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?!\w|-\d)", lowered)]
            return spans

        password_cues = cue_spans(_PASSWORD_NEAR_WORDS, _PASSWORD_NEAR_PHRASES)
        for match in _PASSWORD_SHAPED.finditer(text) if password_cues else ():
            value = match.group("value")
            if not _near_a_cue(text, *match.span(), password_cues):  # (the cheapest test first: most values are far from a cue)
                continue
            reference = _REFERENCE_WORDS.search(value)
            if not _looks_made_up(value) or sum(map(str.isalpha, value)) < 3 or \
                    reference and reference.group()[:1].isalpha() or \
                    _NOT_PASSWORD_SHAPED.search(value) or _placeholder(value) or _A_DATE.search(value) or \
                    _NOT_A_SECRET_BEFORE.search(text, max(0, match.start() - 20), match.start()) or \
                    _EXAMPLE_OR_WARNING_BEFORE.search(text, max(0, match.start() - 20), match.start()) or \
                    _REFERENCE_WORDS.search(text, _clause_before(text, match.start(), 25), match.start()) or \
                    _NAMED_AS_ANOTHER_THING_AFTER.match(text, match.end()):
                continue
            found.append(Finding("secret", *match.span("value"), 0.6, "password",
                                 rule="secret.password_shaped_near_its_word"))
        # (a Wi-Fi key of digits only: "der wlan key 55190283746610293847 steht unten drauf"; in four groups of four
        # it is a Wi-Fi key rather than a card number whose check fails)
        wifi_cues = [span for span in password_cues if any(w in lowered[span[0]:span[1]] for w in _WIFI_WORDS)]
        for match in itertools.chain(_LONG_DIGIT_KEY.finditer(text), _CAPITALS_AND_DIGITS_KEY.finditer(text)) \
                if wifi_cues else ():
            if _near_a_cue(text, *match.span(), wifi_cues) and \
                    not _REFERENCE_WORDS.search(text, max(0, match.start() - 25), match.start()):
                found.append(Finding("secret", *match.span(), 0.95, "wifi_key", rule="secret.password_shaped_near_its_word"))
        # (a prepaid meter's token, twenty digits: "Here it is: 4418 2290 7731 0056 2214. Key it into the meter")
        if "token" in words and not words.isdisjoint(_METER_WORDS):
            token_cues = [m.span() for m in re.finditer(r"\btokens?\b", lowered)]
            found += [Finding("secret", *m.span(), 0.85, "code", rule="secret.digits_near_a_code_word")
                      for m in _LONG_DIGIT_KEY.finditer(text)
                      if len(re.sub(r"\D", "", m.group())) == 20 and _near_a_cue(text, *m.span(), token_cues)]
        code_cues = cue_spans(_CODE_NEAR_WORDS, _CODE_NEAR_PHRASES)
        for match in itertools.chain(_CODE_SHAPED.finditer(text), _CODE_SHAPED_IN_BRACKETS.finditer(text)) \
                if code_cues else ():
            value = match.group("value")
            # (in brackets, after its word: "a number on my hand (4418) for re-entry … the most rock and roll PIN")
            if not _near_a_cue(text, *match.span(), code_cues if match.re is _CODE_SHAPED else
                        [cue for cue in code_cues if cue[1] <= match.start()]):
                continue
            if value in _EXAMPLE_DIGITS or re.fullmatch(r"(?:19[5-9]|20[0-4])\d", value) and \
                    not _OPENS_WITH_BEFORE.search(text, max(0, match.start() - 24), match.start()) or \
                    _masked_or_a_postcode(text, match.start(), value) or \
                    _TIME_OR_AMOUNT_AFTER.match(text, match.end()) or \
                    _AMOUNT_BEFORE.search(text, max(0, match.start() - 5), match.start()) or \
                    _NOT_A_SECRET_BEFORE.search(text, max(0, match.start() - 20), match.start()) or \
                    _EXAMPLE_OR_WARNING_BEFORE.search(text, max(0, match.start() - 20), match.start()) or \
                    _A_LINE_OR_PLACE_BEFORE.search(text, max(0, match.start() - 20), match.start()) and \
                    not _ENTERED_OR_SET_BEFORE.search(text, max(0, match.start() - 20), match.start()) or \
                    _A_PLACE_AFTER.match(text, match.end()) or \
                    _DIGITS_SENT_TO_BEFORE.search(text, max(0, match.start() - 40), match.start()) or \
                    _STREET_BEFORE_ON_LINE.search(text, max(0, match.start() - 90), match.start()) or \
                    _REFERENCE_WORDS.search(text, max(0, match.start() - 15), match.start()) or \
                    _NOT_A_SECRET_CODE.search(text, max(0, match.start() - 25), match.start()) or \
                    _NOT_A_CODE_AROUND.search(text, max(0, match.start() - 30), min(len(text), match.end() + 30)):
                continue
            if not 4 <= sum(map(str.isdigit, value)) <= 8 or \
                    re.fullmatch(r"(?:[0-2]?\d|3[01]) (?:0?\d|1[0-2]) \d\d|(?:0?\d|1[0-2]) (?:[0-2]?\d|3[01]) \d\d", value):
                continue  # (a date in three groups: "token sale ends 12 05 26")
            if _ASKED_IF_ORGANISATION_AFTER.match(text, match.end()):
                continue  # "Is 13 22 59 actually @SurfBankAU?": a line asked about, no code
            if re.search(r"(?i)\blast\s+(?:4|four)\b", text[max(0, match.start() - 80):match.start()]) or \
                    _LAST_DIGITS_RIGHT_BEFORE.search(text, max(0, match.start() - 20), match.start()):
                continue  # "verify the last 4 of your SSN\n… me: 1469", "Karte endet auf 4821": last digits, no code
            if "alarm" in words and re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", value) and \
                    re.search(r"(?i)\b(?:to|for|at)\W{0,2}$", text[max(0, match.start() - 6):match.start()]):
                continue  # "I set the alarm to 0630": a clock's time
            found.append(Finding("secret", *match.span("value"), 0.6, "code", rule="secret.digits_near_a_code_word"))
        return found

    @staticmethod
    def _digicodes(text: str) -> list[Finding]:
        """A French digicode, a letter (A to D) among its digits, in a door's or a code's sentence or the next, within
        _NEAR_A_SECRET_WORD characters: "le livreur tapera 4B72 au portail", "47B12 pour la porte en bas", "c'est bien
        4B 27 19"; not a flat's or a building's number ("appartement 12B")."""
        cues = [m.span() for m in _DOOR_CODE_CUE.finditer(text)]
        return [Finding("secret", *match.span(), 0.8, "code", rule="secret.digits_near_a_code_word")
                for match in _DIGICODE_SHAPED.finditer(text)
                if sum(map(str.isdigit, match.group())) >= 3 and
                not _REFERENCE_WORDS.search(text, max(0, match.start() - 20), match.start()) and
                not _A_UNIT_BEFORE.search(text, max(0, match.start() - 12), match.start()) and
                _near_a_cue(text, *match.span(), cues)]

    @staticmethod
    def _secrets_set_off(text: str) -> list[Finding]:
        """A value set off after a secret's name in its sentence (_SET_OFF_SECRET): made up (letters and digits,
        symbols), or four to eight digits after a code's or PIN's name; not a promo, order or tracking code."""
        found = []
        for match in (m for pattern in _SET_OFF_SECRET for m in pattern.finditer(text)):
            value = match.group("value").rstrip(".")
            digits_only = re.fullmatch(r"\d{4,8}", value) is not None and not re.fullmatch(r"(?:19|20)\d\d", value)
            # (a code of a word and digits is a promo's more often than a lock's: "the code from our ad, HOLIDAY25")
            if match.group("word").lower() in _CODE_WORDS_ABROAD and not digits_only and \
                    sum(map(str.isalpha, value)) > 2:
                continue
            if not (digits_only or re.search(r"[^\W\d_]", value) and _looks_made_up(value)) or \
                    _placeholder(value) or _NOT_A_SECRET_VALUE.match(value) or \
                    _NOT_A_SECRET_CODE.search(text, max(0, match.start() - 25), match.start("value")) or \
                    _MONEY_AFTER.match(text, match.end("value")) or re.match(r"\d{1,2}[:.h]\d\d", value) or \
                    _NOT_A_SECRETS_CODE_AFTER.match(text, match.end("word")) or \
                    digits_only and _A_PLACE_AFTER.match(text, match.start("value") + len(value)):
                continue
            found.append(Finding("secret", match.start("value"), match.start("value") + len(value), 0.8, "password",
                                 rule="secret.set_off_after_name"))
        return found

    @staticmethod
    def _labelled_secrets(text: str) -> list[Finding]:
        """A password, PIN or access code named, a few words, "is" (in its language) or ":", and a value with a
        digit ("the Wi-Fi key on your new hub is 7KFP-9XQ2-MW4R", "din portkod till förrådet är 5816#"), and
        the codes that follow their word directly ("TAN 718 204", "kod BLIK 582 304", "har koden 3971")."""
        found = []
        for match in itertools.chain(_LABELLED_SECRET.finditer(text), _CODE_FOLLOWS.finditer(text)
                                     if _may_match(text, _CODE_FOLLOWS_GATE) else ()):
            value = match.group("value")
            if re.match(r"(?i)pass(?![\w-])", match.group()) and \
                    _TICKET_PASS.search(text, max(0, match.start() - 20), match.start()):
                continue  # "Lift pass desk phone is (801) …": a ticket's desk, no password
            if sum(map(str.isdigit, value)) < 2 or _NOT_A_SECRET_VALUE.fullmatch(value) or _NOT_A_SECRET_VALUE.search(value) and \
                    not re.search(r"[^\W\d_]", value.rstrip("%")) and not _GROUPED_CODE.fullmatch(value) or \
                    _placeholder(value):
                continue
            if re.fullmatch(r"\d{3}-?\d{3}-?\d{2}-?\d{2}|\d{3}-?\d{2}-?\d{2}-?\d{3}", value) and pl_nip.is_valid(value):
                continue  # "Nasz NIP to 526-104-08-28": a Polish tax number (NIP), a company's, not a PIN (NIP in French)
            if value.isdigit() and _MORE_DIGITS_AFTER.match(text, match.end("value")):
                continue  # "pass on his number as he can't message you: 07412 558 093": the start of a longer number
            if _A_LENGTH_AT.match(text, match.start("value")):
                continue  # "a strong password is 12+ characters": its length
            if re.match(r"(?i)pin\b", match.group()) and \
                    _COMPANY_BEFORE.search(text, max(0, match.start() - 20), match.start()):
                continue  # "our company PIN for invoices is P051234567Z": a company's tax PIN (Kenya's KRA), public
            if _DEVICE_ASKED_ABOUT.search(text, max(0, match.start("value") - 4), match.end("value") + 1):
                continue  # "how do I change the wifi password on TP-X20?": the device asked about, a model's name
            found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.labelled_value"))
        return found

    @staticmethod
    def _secrets_said_in_passing(text: str) -> list[Finding]:
        found = [Finding("secret", *m.span("value"), 0.8, "code", rule="secret.buzzer_code")
                 for m in _BUZZER_CODE.finditer(text)]
        for match in _LOGIN_WITH.finditer(text):
            value = match.group("value")
            if re.search(r"\d", value) and _looks_made_up(value) and not _placeholder(value) and \
                    value.lower() not in _WEAK_VALUES:
                found += [Finding("secret", *match.span("user"), 0.75, "username", rule="secret.login_with"),
                          Finding("secret", *match.span("value"), 0.85, "password", rule="secret.login_with")]
        found += [Finding("secret", *m.span("value"), 0.85, "pin", rule="secret.pin_then_my")
                  for m in _PIN_THEN_MY.finditer(text) if len(set(m.group("value"))) > 1]
        found += [Finding("secret", *m.span("value"), 0.9, "seed_phrase", rule="secret.seed_phrase")
                  for m in _SEED_PHRASE.finditer(text)]
        for match in _GAVE_IT.finditer(text):  # "asked for her PIN. … gave it: 6092", "I gave him Marble&Fox1984"
            value = match.group("value").rstrip(".,!?")
            asked = _PIN_OR_PASSWORD.search(text, max(0, match.start() - 120), match.start())
            if asked and (value.isdigit() and 4 <= len(value) <= 8 and len(set(value)) > 1 and
                          not re.fullmatch(r"(?:19|20)\d\d", value) or  # (a year: "told them 2024 was my year")
                          not value.isdigit() and re.search(r"\d", value) and _looks_made_up(value) and
                          not _placeholder(value)):
                found.append(Finding("secret", match.start("value"), match.start("value") + len(value), 0.8,
                                     "pin" if value.isdigit() else "password", rule="secret.given_away"))
        return found

    def _mixed_codes(self, text: str) -> list[Finding]:
        """A code of letters and digits referred back to a code or key word ("… check code. it's x7kHp2mQ"), or in
        three or more groups of four or five with such a word in its sentence or the one before."""
        found = []
        for match in _MIXED_CODE.finditer(text):
            start, end = match.span("value")
            value = match.group("value")
            if _placeholder(value) or re.fullmatch(r"(?i)(?:[a-z]+\d+|\d+[a-z]+)", value) and len(value) < 7:
                continue  # ("iOS17", "4K"): a version or a model, not made up
            if _VANITY_NUMBER.fullmatch(value) or _promotion_shaped(value.replace("-", "")) or _IFSC.fullmatch(value):
                continue  # "0700-OKRA-BANK": a line spelled in letters; "BLACKOUT25", "LUMEN-FAN26": a promotion; an
                # Indian branch's IFSC ("IFSC code for our Indiranagar branch is NBKI0004417"), printed on every cheque
            lead = _MIXED_CODE_LEAD.search(text, max(0, start - 60), start)
            if not match.group("grouped") and lead is None and not (
                    _CODE_RIGHT_BEFORE.search(text, max(0, start - 12), start) and
                    len(_LETTER_DIGIT_TURN.findall(value)) >= 3 and
                    _ACCOUNT_ACCESS_NEAR.search(text, max(0, start - 150), end + 80)):
                continue  # ('the reset e-mail says "use code HF72QP0X within 24 hours"': a random code to get in)
            ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
            begin = ends[-2] if len(ends) >= 2 else 0
            cues_before = [c for c in _MIXED_CODE_CUE.finditer(text, begin, start)]
            if not cues_before:
                continue
            cue = cues_before[-1]
            before = (cue.group("before") or "").lower()
            if _NOT_A_SECRET_CODE.fullmatch(before) or before in _NOT_OTP_CODE or \
                    _NOT_A_CODE_BETWEEN.search(text, cue.start(), start) or \
                    _REFERENCE_WORDS.search(text, max(begin, cue.start() - 30), start) or \
                    _PERCENT_OFF.search(self._sentence_around(text, start, end)):
                continue  # ("… code CYBER30 at checkout for 30% off": a public promotion)
            found.append(Finding("secret", start, end, 0.8, "code", rule="secret.code_of_letters_referred"))
        return found

    @staticmethod
    def _secrets_referred_back(text: str) -> list[Finding]:
        """A secret named earlier in the text and given later as "it" or "one": "the PIN mailer … The mailer literally
        says 4-8-0-2 on it", "pick a password … the one they had me log in with was literally my old one,
        sunflower88!Jade", '"code already used" … It's this one, GV7K-42QP-M9XT-8821', "la misma contraseña … uso
        Marisma_1987! en casi todas partes"."""
        found = []
        for match in _DIGIT_BY_DIGIT.finditer(text):
            named = [m for m in _LOOSE_CODE_WORD.finditer(text, max(0, match.start() - 400), match.start())]
            # (spaced digits are _codes_said_loosely's; "the clue code on the final lock was 7-1-9-4": no secret's)
            if named and not re.fullmatch(r"\d(?: \d){3,7}", match.group("value")) and \
                    not _NOT_A_SECRET_CODE.search(text, max(0, named[-1].start() - 20), named[-1].end()):
                found.append(Finding("secret", *match.span("value"), 0.75, "pin", rule="secret.given_back_later"))
        for match in _ONE_DIGITS.finditer(text):  # "she'd reset it and told me the new one on the call: 7741"
            if _REFERRED_SECRET_WORD.search(text, max(0, match.start() - 400), match.start()) and \
                    not re.fullmatch(r"(?:19|20)\d\d", match.group("value")):
                found.append(Finding("secret", *match.span("value"), 0.75, "pin", rule="secret.given_back_later"))
        for match in _GOOGLE_CODE.finditer(text) if "G-" in text else ():  # "The code was G-482913"
            found.append(Finding("secret", *match.span("value"), 0.85, "code", rule="secret.given_back_later"))
        for match in _ONE_GIVEN.finditer(text):
            value = match.group("value").rstrip(".,;:)")  # ("Marisma_1987!": a closing "!" may be part of it)
            if _character_kinds(value) >= 3 and re.search(r"\d", value) and len(value) >= 8 and \
                    _REFERRED_SECRET_WORD.search(text, max(0, match.start() - 400), match.start()):
                found.append(Finding("secret", match.start("value"), match.start("value") + len(value), 0.8,
                                     "password", rule="secret.given_back_later"))
        return found

    @staticmethod
    def _secrets_on_the_next_line(text: str) -> list[Finding]:
        """A password or network key named at the end of a line, the value alone on the next ("hasło do wifi z
        naklejki\n tq7Kr2pXw9 \nnie działa", "WLAN-Schlüssel vom Router\n4471 8830 2291 6650 1127\n…")."""
        found = []
        for match in _LOGIN_ON_TWO_LINES.finditer(text) if _LOGIN_CONTEXT.search(text) or \
                _LOGGED_OUT.search(text) else ():
            if _character_kinds(match.group("value")) >= 3 and re.search(r"\d", match.group("value")) and \
                    "@" not in match.group("value") and "/" not in match.group("value"):
                found += [Finding("secret", *match.span("user"), 0.75, "username", rule="secret.login_on_two_lines"),
                          Finding("secret", *match.span("value"), 0.85, "password", rule="secret.login_on_two_lines")]
        for match in _SECRET_ON_NEXT_LINE.finditer(text):
            value = match.group("value")
            digits = sum(c.isdigit() for c in value)
            if "@" in value or "/" in value or _placeholder(value) or re.fullmatch(r"[\d.,:/-]+", value) and digits < 8:
                continue  # an e-mail address, a link, "****", a date, a price or a time
            if _looks_made_up(value.replace(" ", "")) and re.search(r"\d", value) or digits >= 12:
                found.append(Finding("secret", *match.span("value"), 0.8, "password", rule="secret.on_next_line"))
                # (codes one a line: "backup codes for you:\n\n3827-1940\n6610-0587\n…", each the same shape)
                shape = re.sub(r"[A-Za-z0-9]", "x", value)
                for line in _LINE_AFTER.finditer(text, match.end("value")):
                    if line.start() > found[-1].end + 2 or re.sub(r"[A-Za-z0-9]", "x", line.group("value")) != shape:
                        break
                    found.append(Finding("secret", *line.span("value"), 0.8, "password", rule="secret.on_next_line"))
        return found

    def _lock_codes(self, text: str) -> list[Finding]:
        """A lock's code: a code word and its digits in a sentence that names a key safe, lockbox, smart lock,
        barrier or gate ("The lockbox is by the porch, code 1958"); not another thing's code ("model code 4410")."""
        found = []
        for match in _LOCK_CODE.finditer(text):
            value = match.group("value")
            before = (match.group("before") or "").lower()
            # (a year only right after the word: "lockbox …, code 1958", but "gate code changed in 2024")
            if re.fullmatch(r"(?:19|20)\d\d", value) and match.group("between").strip() or \
                    _NOT_A_SECRET_CODE.fullmatch(before) or \
                    before in _NOT_OTP_CODE or _NOT_A_SECRET_CODE.search(match.group("between")) or \
                    _REFERENCE_WORDS.search(_PARCEL_LOCKER.sub("", match.group("between"))) or \
                    _MONEY_AFTER.match(text, match.end("value")) or \
                    _FACTORY_CODE.search(text, max(0, match.start() - 30), match.end("value") + 30) or \
                    re.search(r"\d[ \t]$", text[max(0, match.start("value") - 2):match.start("value")]):
                continue  # (… or the last group of a longer number: "… or ring 0330 088 4410")
            if _LOCK_WORDS.search(self._sentence_around(text, match.start(), match.end())):
                found.append(Finding("secret", *match.span("value"), 0.85, "code", rule="secret.lock_code"))
        return found

    def _lock_values(self, text: str) -> list[Finding]:
        """A lock only a code opens, named in a sentence, and its digits as what "it's", or as what it was set
        to or punched in (see _LOCK_VALUE), or as what gets one in ("Leave it by the side gate, 2207# gets you in")."""
        found = [Finding("secret", *m.span("value" if m.group("value") else "opener"), 0.85, "code",
                         rule="secret.lock_code")
                 for m in _GETS_YOU_IN.finditer(text)
                 if _PUNCHED_LOCK_WORDS.search(self._sentence_around(text, m.start(), m.end()))]
        for match in _LOCK_VALUE.finditer(text):
            value, said = match.group("value"), match.group().lower()
            if re.fullmatch(r"(?:19|20)\d\d", value) or _MONEY_AFTER.match(text, match.end("value")):
                continue  # "… and it's 2024", "it's 2500 euros"
            sentence = self._sentence_around(text, match.start(), match.end())
            if match.group("now"):  # (the lock's code named in its sentence or the two before: "the keypad … needs a
                # code … The paperwork says it's set to 884964", "le code de votre casier … : c'est maintenant 9902")
                if _LOCK_CODE_NAMED.search(text, max(0, match.start() - 200), match.start()):
                    found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.lock_code"))
                continue
            if said.startswith(("set", "changed", "reset")) or \
                    _CODE_ONLY_LOCK.search(sentence) and not said.startswith(("punch", "key", "tap", "type", "enter")) or \
                    said[:1] not in "ai" and (value.endswith("#") or len(value) >= 4 and
                                             _PUNCHED_LOCK_WORDS.search(sentence)):
                found.append(Finding("secret", *match.span("value"), 0.85, "code", rule="secret.lock_code"))
        return found

    @staticmethod
    def _codes_in_context(text: str, digits: int, believed: bool = False) -> list[Finding]:
        """A code read out digit by digit ("6 4 9 9 1 2", "1-9-7-3") with a code word in its sentence or the one
        before, and a code referred back to ("… PIN. The new one is 905512", "the alarm code …, it's 1-9-7-3")."""
        found = []

        def cue_near(start: int, end: int, after: bool, back: int = 2, groups: bool = False) -> bool:
            # (groups: a code in groups, "order code 448 120" is none: the code words of NOT_A_SECRET_CODE too)
            # this sentence and the one before it (or back sentences), and (for digits read out) the rest of this one
            ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
            begin = ends[-back] if len(ends) >= back else 0
            stop = end
            if after:  # (the rest of this sentence and the next: "won't take 6-2-0-4, it just beeps. that's the code")
                following = _SENTENCE_END.search(text, end)
                following = _SENTENCE_END.search(text, following.end()) if following else None
                stop = following.start() if following else len(text)
            for cue in _CODE_CUE.finditer(text, begin, stop):
                if cue.start() >= end or cue.end() <= start:
                    # ("booking code" is no secret, a "booking PIN" is one)
                    before = (cue.group("before") or "").lower()
                    if before not in _NOT_OTP_CODE and not (groups and _NOT_A_SECRET_CODE.fullmatch(before)) or \
                            cue.group().lower().endswith(("pin", "passcode", "otp")):
                        return True
            return False

        for match in _DIGITS_READ_OUT.finditer(text):
            # (four characters or more: with one capital at most, three digits or more)
            if sum(character.isalpha() for character in match.group()) <= 1 and cue_near(*match.span(), after=True):
                found.append(Finding("secret", *match.span(), 0.85, "one_time_code", rule="secret.code_read_out"))
        for match in _DIGITS_IN_GROUPS.finditer(text) if digits >= 6 else ():  # (six digits in a code in groups)
            if cue_near(*match.span(), after=False, groups=True):
                found.append(Finding("secret", *match.span(), 0.8, "one_time_code", rule="secret.code_in_groups"))
        for match in itertools.chain(_CODE_REFERRED.finditer(text), _CODE_BELIEVED.finditer(text) if believed else ()):
            value = match.group("value")
            # (what opens with a code is a place: "the overflow lot opens with code …" names no lot number)
            opens = re.match(r"(?i)open|unlock", match.group()) is not None
            if re.fullmatch(r"(?:19|20)\d\d(?:-(?:19|20)\d\d)*", value) and \
                    not _BIRTH_YEAR_AS_CODE.match(text, match.end("value"), match.end("value") + 40) or \
                    _REFERENCE_WORDS.search(text, match.start() if opens else max(0, match.start() - 30),
                                            match.start("value")) or \
                    _MONEY_AFTER.match(text, match.end("value")):
                continue  # "it's 2024": a year; "… the order number is 4471": another number; "it's 2500 euros"
            # (a long code in dashed fours may be named two sentences before: "… my ticket's security code … is it
            # safe? It's 2840-1177-6392-05")
            if _FACTORY_CODE.search(text, max(0, match.start("value") - 60), match.end("value") + 40) and \
                    not _SET_BEFORE.search(text, max(0, match.start("value") - 30), match.start("value")):
                continue  # "most models use 0000 as the factory pairing code": a default, the same for every unit
            if cue_near(*match.span("value"), after=False, back=3 if len(value) >= 14 else 2, groups=True):
                found.append(Finding("secret", *match.span("value"), 0.8, "code", rule="secret.code_referred_back"))
        return found

    def _passwords(self, text: str, words: frozenset[str] | set[str] = frozenset(),
                   compound: bool | None = None) -> list[Finding]:
        """compound: _password_compound(words), when already known."""
        found = []
        abroad = not words.isdisjoint(_PASSWORD_ABROAD_GATE) or \
            (_password_compound(words) if compound is None else compound)
        for match in itertools.chain(_PASSWORD.finditer(text), _PASSWORD_ABROAD.finditer(text) if abroad else ()):
            value = match.group("value")
            quoted = value[0] in "\"'“"
            bare = value.rstrip(".,;:)!?")
            if not bare or bare.lower() in _WEAK_VALUES or _placeholder(bare) or _PRICE.fullmatch(bare) or \
                    re.fullmatch(r"\d[\d.,]*", bare) and _CURRENCY_AFTER.match(text, match.start("value") + len(bare)):
                continue  # a price: "the Day Pass is £9.99", "the monthly pass is 20 EUR"
            if re.fullmatch(r"\d{1,2}", bare) and _COUNTED_AFTER.match(text, match.start("value") + len(bare)):
                continue  # "the master password is 6 random words", "… is 12 characters long": what it is made of
            connector = match.group("connector").strip()
            if "@" in bare and not re.search(r"\s", match.group("connector")) and \
                    _EMAIL_PLAIN.match(text, match.start()) is not None:
                continue  # "pw=0@a.ac": the word starts an e-mail address ("pw=0" is its local part)
            value_end = match.start("value") + len(bare)
            if not quoted and text[value_end:value_end + 1] == "\n" and "\n" in text[match.end("word"):match.start("value")]:
                # typed over lines, alone on its line after the label ("my password is\nBanana\nSplit#9"): the first
                # word of the next line goes on with it when that word holds a digit or a symbol
                rest = re.match(r"\n[ \t]*([^\s\"'“”]{1,40})", text[value_end:])
                if rest and re.search(r"[\d\W_]", rest.group(1)) and len(bare) + len(rest.group(1)) <= 64:
                    bare = value = bare + text[value_end:value_end + rest.end()]
            if any(_EXAMPLE_MARK_BEFORE.search(text, max(0, end - 24), end)
                   for end in (match.start("value"), match.end("value"))):
                continue  # "nehmt lieber einen ganzen Satz als Passwort, z.B. 'MeinHundBelltUm7!'": an example
            made_up = _looks_made_up(bare)
            word = match.group("word").lower()
            if word == "pass" and _TICKET_PASS.search(text, max(0, match.start() - 20), match.start()):
                continue  # "day pass (LM-DP-5521)": a ticket and its number
            if _BOOKING_REFERENCE.fullmatch(bare) and \
                    _BOOKING_WORD_NEAR.search(self._sentence_around(text, match.start(), match.end())):
                continue  # "… κράτησης … με τον κωδικό BLU-771204": a code word that names a booking's reference
            if _BOOKING_WORD_RIGHT_BEFORE.search(text, max(0, match.start() - 20), match.start()):
                continue  # "Revisamos tu reserva con clave KTR8QZ": a booking's locator, no password
            lang = _PASSWORD_WORD_LANGUAGE.get(re.sub(r"\s+", " ", word).replace("’", "'"), "en")
            if not made_up and _ADVICE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
                continue  # "Tip for a stronger master password: string together …": advice on passwords, none given
            if quoted:
                if _EXAMPLE_PASSWORDS.fullmatch(bare.strip("\"'“”")) and \
                        _DEFAULT_BEFORE.search(text, max(0, match.start() - 30), match.start("value")):
                    continue  # 'the default hotspot password is "password"': a device's factory value, public
                inner = bare.strip("\"'“”")
                if connector.split()[:1] == ["to"] and len(inner.split()) > 4 or \
                        re.fullmatch(r"(?i)(?:to|in\s+order\s+to|so\s+as\s+to)\s+[a-z]+", inner):
                    continue  # 'password to "claim 40,000 bonus points before midnight"', 'my password "to verify"':
                    # what it is asked for
                if not _looks_made_up(inner) and (
                        connector.split()[:1] in (["to"], ["a"], ["from"], [","], ["i"]) and len(inner.split()) >= 2 and
                        # (half the words may be rare: "avoid disconnection" is a purpose, quoted)
                        sum(_uncommon_word(w, 3.0) for w in inner.split()) <= len(inner.split()) / 2 and
                        not _SET_BEFORE.search(text, max(0, match.start() - 40), match.start()) or
                        not connector and word == "pass"):
                    continue  # 'asks for your password to "avoid disconnection"', 'I pass "oz"': words quoted, a verb
                confidence, rule = 0.95, "secret.quoted_after_cue"
            elif connector in (":", "=", "-", "–", "->", "=>", "→"):  # ("wifi pw -> HuatAh2024!!")
                if len(bare) < 3 or (connector in ("-", "–", "->", "=>", "→") and not made_up):
                    continue
                if connector in ("-", "–") and bare.isdigit() and match.end("word") + 1 == match.start("value"):
                    continue  # "Order PW-3391042": a reference's prefix glued to its digits
                if not made_up and not _uncommon_word(bare, lang=lang) and \
                        not _ends_clause(text, match.start("value") + len(bare)):
                    continue  # "Un bon mot de passe = une phrase longue": a sentence goes on, no value
                confidence, rule = (0.95 if made_up else 0.8), "secret.after_cue_colon"
            elif connector.split()[:1] in (["to"], ["a"], ["from"], [","], ["i"]) and not made_up:
                continue  # "password to reset", but "password to Maple!Leaf9"; "password, please"
            elif _DEVICE_ASKED_ABOUT.search(text, max(0, match.start("value") - 4), match.end("value") + 1):
                continue  # "how to change the wifi password on DK-R6?": the device asked about, a model's name
            elif _A_LENGTH_AT.match(text, match.start("value")):
                continue  # "a strong password is 12+ characters": advice on its length
            elif connector or re.search(r"(?i)\bwith\s+(?:the\s+|your\s+|my\s+|a\s+)?$", text[:match.start()]):
                # "is", "was", "'s", "with the password …": ordinary words follow too ("my password is correct")
                if made_up:
                    confidence, rule = 0.9, "secret.after_cue_is"
                elif _uncommon_word(bare, lang=lang) and \
                        (_ends_clause(text, match.start("value") + len(bare)) or not connector or
                         # a long run of letters in no language's word list ("… password is purplemonkeydishwasher
                         # on a sticky note"): a value wherever its clause goes on
                         len(bare) >= 10 and bare.isalpha() and _common_words()(bare.lower()) == 0 and
                         _common_words(lang)(bare.lower()) == 0):
                    # "the wifi password is purplemonkeydishwasher": not an English word, ends the clause
                    confidence, rule = 0.8, "secret.uncommon_word_after_cue"
                else:
                    continue
            elif word != "pass" and re.fullmatch(r"\d{4,8}|\d{3} \d{3}", bare) and not re.fullmatch(r"(?:19|20)\d\d", bare):
                # "passcode 7731", "şifreniz 418273", "jelszó 5521": digits right after the word are its value
                confidence, rule = 0.85, "secret.after_cue"
            else:  # no connector: "pw Summer2024!" yes, "password field" no, "pass 2" no
                # "pass" alone is a common word ("bus pass X7"): only before a value of three kinds of characters,
                # or after a login's or a temporary one's word ("the temp pass wombat4412", "user admin pass admin123")
                if word == "pass" and _character_kinds(bare) < 3 and \
                        not _LOGIN_PASS_BEFORE.search(text, max(0, match.start() - 30), match.start()) or \
                        not (made_up and len(bare) >= 6 and re.search(r"[^\W\d_]", bare)) or \
                        re.fullmatch(r"@\w+[.,!?]*", bare):
                    continue  # ("without a password @AcmeSupport": an account's handle, addressed)
                confidence, rule = 0.8, "secret.after_cue"
            # trailing "!!" may be part of it: mask the whole token, but a comma or semicolon ends it
            end = match.start("value") + len(value if quoted else value.rstrip(",;"))
            found.append(Finding("secret", match.start("value"), end, confidence, "password", rule=rule))
        if not words.isdisjoint(_WORDS_AND_NUMBER_VERBS) and not words.isdisjoint(_WORDS_AND_NUMBER_GATE):
            for match in _WORDS_AND_NUMBER_PASSWORD.finditer(text):
                if match.group("cue").lower() == "key" and words.isdisjoint(_NETWORK_GATE_WORDS):
                    continue  # (a key is a network's only in a text about one: "the wifi name … and the key is …")
                spoken = match.group("words").lower().split()
                if not any(w in _WEAK_VALUES or _SEED_SMALL_WORD.fullmatch(w) or _ORDINARY_WORD_ENDING.search(w) or
                           w in _NOT_A_SPOKEN_PASSWORD_WORD for w in spoken):
                    found.append(Finding("secret", *match.span("value"), 0.8, "password",
                                         rule="secret.words_and_number_after_cue"))
        if not words.isdisjoint(_OWNER_ID_GATE):
            for match in _PASSWORD_OWNED_ID.finditer(text):
                bare = match.group("value").rstrip(".,;:!?)")
                if _looks_made_up(bare) and not _placeholder(bare) and not re.fullmatch(r"\d{1,3}|(?:19|20)\d\d", bare):
                    found.append(Finding("secret", match.start("value"), match.start("value") + len(bare), 0.85,
                                         "password", rule="secret.after_cue"))
        if not words.isdisjoint(_SEED_GATE):
            for match in _SEED_PHRASE_QUOTED.finditer(text):
                found.append(Finding("secret", *match.span("value"), 0.8, "password", rule="secret.passphrase"))
        for match in _PASSPHRASE.finditer(text) if _may_hold(text, _PASSPHRASE_PARTS) else ():
            span = match.span("value") if match.group("value") else match.span("quoted")
            if match.group("value") and len(_SEED_SMALL_WORD.findall(match.group("value"))) >= 2:
                # the words before the sentence goes on ("… is purple monkey dishwasher seven and it STILL says too
                # weak"), when three or more come before its first small word
                small = _SEED_SMALL_WORD.search(match.group("value"))
                head = match.group("value")[:small.start()].rstrip() if small else ""
                if len(head.split()) < 3 or any(len(word) < 3 for word in head.split()):
                    continue  # "the seed phrase is stored offline and never shared", "… is four or five random
                    # words": a sentence about it
                span = (match.start("value"), match.start("value") + len(head))
            if match.group("value") and _ADVICE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
                continue  # "A strong passphrase is four or five random words": advice
            found.append(Finding("secret", *span, 0.8, "password", rule="secret.passphrase"))
        for match in _LOGIN_ATTEMPT.finditer(text) if _may_hold(text, _LOGIN_ATTEMPT_PARTS) and \
                _may_hold(text, _LOGIN_ATTEMPT_WITH_PARTS) else ():
            bare = match.group("value").rstrip(".,;:!?)")
            if _looks_made_up(bare):
                found.append(Finding("secret", match.start("value"), match.start("value") + len(bare), 0.8,
                                     "password", rule="secret.login_attempt"))
        after = _overlapping(_PASSWORD_AFTER, text)
        if "'" in text or '"' in text or "“" in text or "‘" in text:
            after += [m for m in _QUOTED_THEN_PASSWORD.finditer(text)]
        if abroad:
            after += [m for m in _PASSWORD_AFTER_ABROAD.finditer(text)]
        for match in after:
            bare = match.group("value").strip(".,;:()!?")
            if bare.lower() in _WEAK_VALUES or not (_looks_made_up(bare) or _uncommon_word(bare)):
                continue
            if match.group("filler") and not _looks_made_up(bare):
                continue  # "PurpleRain#1984 stopped working as my password": made-up values only, words apart
            found.append(Finding("secret", *match.span("value"), 0.85, "password", rule="secret.before_cue"))
        for match in _KEY_VALUE.finditer(text) if _may_hold(text, _KEY_VALUE_PARTS) else ():
            bare = match.group("value").strip(".,;:)!?\"'")
            word = match.group("word").lower()
            connector = match.group("connector").strip()
            if not bare or bare.lower() in _WEAK_VALUES or _placeholder(bare):
                continue
            if bare.isdigit() and _MORE_DIGITS_AFTER.match(text, match.end("value")):
                continue  # "backup codes are 4819 2201 and …": the first group of codes in groups (secret.recovery_codes)
            # (a bare "the answer" names a made-up value only: "needs the answer hockey2024", not "the answer is no")
            answer = word != "answer" and ("answer" in word or "maiden" in word or "memorable" in word or
                                           word.startswith("security") and word.endswith("word"))
            # a security answer is any word; a key, token or code is made up (digits, symbols, mixed case) or, when
            # long, random (Shannon entropy of 3.5+ bits a character: "qzxkvbnmwplrtyhg…"); a long run of one or two
            # characters repeated is a placeholder ("aaaaaaaaaaaaaaaa1")
            random = len(bare) >= 16 and _entropy(bare) >= 3.5
            if len(bare) >= 16 and _entropy(bare) < 2.5:
                continue
            if not connector and re.match(r"(?i)to\s+[a-z]+\s", bare):
                continue  # "asked for my password and seed phrase 'to verify ownership'": what for, quoted, no value
            if answer and connector.endswith(" to") and not (_looks_made_up(bare) or _uncommon_word(bare, 3.0)):
                continue  # "your security answer was set to expire": a word of the sentence, no answer given
            if (answer and connector) or (_looks_made_up(bare) or random) and (connector or len(bare) >= 8):
                found.append(Finding("secret", *match.span("value"), 0.85, "answer" if answer else "token",
                                     rule="secret.after_key_word"))
        for match in _CREDENTIAL_PAIR.finditer(text) if _may_hold(text, _CREDENTIAL_PAIR_PARTS) else ():
            user, value = ("user", "value") if match.group("user") else ("user2", "value2")
            if match.group(user).lower() == match.group(value).lower():
                continue  # "the factory login is admin/admin": a default, the same word twice
            if match.group("loose") and not match.group("connector") and not _looks_made_up(match.group(value)):
                continue  # "a link to a login page, dodgy yeah?": words of a sentence, not a pair as typed
            if _looks_made_up(match.group(value)) or _uncommon_word(match.group(value)):
                found.append(Finding("secret", *match.span(user), 0.8, "username", rule="secret.username_pair"))
                found.append(Finding("secret", *match.span(value), 0.85, "password", rule="secret.username_pair"))
        for match in _E_TRANSFER_ANSWER.finditer(text) if "transfer" in text.lower() or "interac" in words else ():
            # an Interac e-Transfer's answer releases the money: "sent the e-transfer …, answer is maplesyrup2024"
            # (with nothing between, only a made-up value: "pick a security answer only the recipient knows")
            if match.group("value").lower() not in _WEAK_VALUES and match.group("value").lower() not in _NOT_AN_ANSWER \
                    and (match.group("connector") or match.group("quote") or _looks_made_up(match.group("value")) or
                         _uncommon_word(match.group("value"))):
                found.append(Finding("secret", *match.span("value"), 0.85, "answer", rule="secret.security_answer"))
        for match in _VALUE_IS_YOUR_PASSWORD.finditer(text) if " is " in text else ():
            # the value first, then what it is: "Harbor!6218 is your temp password, it'll make you pick a new one"
            if _looks_made_up(match.group("value")) and not _placeholder(match.group("value")):
                found.append(Finding("secret", *match.span("value"), 0.85, "password", rule="secret.before_cue"))
        for match in _ANSWER_BEFORE_ITS_NAME.finditer(text) if _may_hold(text, ("memorable", "maiden", "answer")) else ():
            if match.group("value").lower() not in _NOT_AN_ANSWER_BEFORE and \
                    match.group("value").lower() not in _WEAK_VALUES:
                found.append(Finding("secret", *match.span("value"), 0.85, "answer", rule="secret.before_cue"))
        found += self._quoted_attempts(text)
        for match in _TRIED_UNQUOTED.finditer(text) if not words.isdisjoint(_TRIED_GATE) else ():
            ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
            if not _LOGIN_CONTEXT.search(text, ends[-2] if len(ends) >= 2 else 0, match.end() + 40):
                continue
            for value in re.finditer(r"[^\s\"'“”,;/]{6,64}", match.group("values")):
                bare = value.group().rstrip(".,;:?)")
                start = match.start("values") + value.start()
                if _character_kinds(bare) >= 3 and re.search(r"\d", bare) and self._made_up_value(bare) and \
                        not _REFERENCE_WORDS.search(text, max(0, start - 20), start):
                    found.append(Finding("secret", start, start + len(bare), 0.8, "password",
                                         rule="secret.tried_unquoted"))
        if '"' in text or "'" in text or "“" in text or "‘" in text:
            for match in _QUOTED_AFTER_NAMED_PASSWORD.finditer(text):
                group = next(g for g in ("v1", "v2", "v3", "v4") if match.group(g) is not None)
                value = match.group(group)
                words_in = value.lower().split()
                if len(words_in) > 4 or any(w.strip(".,!?") in _WEAK_VALUES for w in words_in) or \
                        _placeholder(value) or _PASSWORD_WORD_ANY.search(value) or \
                        _EXAMPLE_PASSWORDS.fullmatch(value) or \
                        _DEFAULT_BEFORE.search(text, max(0, match.start() - 30), match.start(group)) or \
                        _ADVICE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
                    continue
                found.append(Finding("secret", *match.span(group), 0.85, "password", rule="secret.quoted_after_cue"))
        found += self._passwords_referred(text)
        found += self._strong_passwords_in_sentence(text)
        if not words.isdisjoint(_KEY_GATE_WORDS) and not words.isdisjoint(_NETWORK_GATE_WORDS):
            for match in _NETWORK_KEY.finditer(text):
                bare = match.group("value").rstrip(".,;:!?)")
                if self._made_up_value(bare):
                    found.append(Finding("secret", match.start("value"), match.start("value") + len(bare), 0.85,
                                         "password", rule="secret.network_key"))
        if "spaces" in words or "lowercase" in words:
            # "the key is purple elephant 9 (lowercase, with the spaces)": words given as one value, said to be so
            found += [Finding("secret", *m.span("value"), 0.85, "password", rule="secret.after_cue_is")
                      for m in _SPACED_VALUE_SAID_SO.finditer(text)
                      # (a digit, or three words or more: not "the password is case sensitive (lowercase only)")
                      if re.search(r"\d", m.group("value")) or len(m.group("value").split()) >= 3 and
                      not any(word.lower() in _WEAK_VALUES for word in m.group("value").split())]
        if "schlüssel" in text.lower() or "key" in words or "passwort" in words:
            found += [Finding("secret", *m.span("value"), 0.85, "password", rule="secret.network_key")
                      for m in _NETWORK_KEY_IN_GROUPS.finditer(text)]
            if not words.isdisjoint(_NETWORK_GATE_WORDS):
                found += [Finding("secret", *m.span("value"), 0.85, "password", rule="secret.network_key")
                          for m in _ROUTER_KEY_IN_GROUPS.finditer(text)]
        app_pattern = _APP_PASSWORD_WITH_DIGIT if not words.isdisjoint(_APP_PASSWORD_GATE) else _APP_PASSWORD
        for match in app_pattern.finditer(text):
            groups = match.group().replace("-", " ").split()
            # "abcd efgh ijkl mnop" (letters in order) and "xxxx xxxx …" are how the format is shown, not a password
            shown = all(g in "abcdefghijklmnopqrstuvwxyz" or len(set(g)) == 1 for g in groups)
            with_digits = [g for g in groups if not g.isalpha()]
            if len(with_digits) > 1 or with_digits and (with_digits[0].isdigit() or
                                                        not _APP_PASSWORD_WORDS.search(self._sentences_around(
                                                            text, match.start(), match.end()))):
                continue  # (a group with digits: only one, not all digits, with "app password" near)
            if not shown and sum(_common_words()(g) < 3.0 for g in groups) >= 3:
                found.append(Finding("secret", *match.span(), 0.85, "password", rule="secret.app_password"))
        if not words.isdisjoint(_SECURITY_GATE_WORDS) and ('"' in text or "“" in text):
            # 'asked my security question and didnt accept "Maplewood Elementary"': a quoted answer in the
            # question's sentence (not the question itself: "What was your first pet's name?")
            for question in _SECURITY_QUESTION.finditer(text):
                stop = _SENTENCE_END.search(text, question.end())
                for given in _QUOTED_ANSWER.finditer(text, question.end(), min(stop.start() if stop else len(text),
                                                                              question.end() + 80)):
                    value = given.group("value")
                    if value.lower() not in _WEAK_VALUES and not _QUESTION_WORDS.match(value):
                        found.append(Finding("secret", *given.span("value"), 0.8, "answer",
                                             rule="secret.security_answer"))
        if not words.isdisjoint(_SECURITY_GATE_WORDS) and (not words.isdisjoint(_ANSWER_GATE_WORDS) or
                                                           "question" in words or "→" in text or ">" in text):
            for question in _SECURITY_QUESTION.finditer(text):
                # (the question itself may be quoted between them: "… question on your profile is "What was …?" and
                # the answer saved is …")
                # (a value refused, the search goes on from it: "… answer is now saved as Table Mountain")
                position, window_end = question.start(), min(len(text), question.end() + 120)
                while (reply := _SECURITY_ANSWER.search(text, position, window_end)) is not None:
                    position = max(reply.start("value"), position + 1)
                    value = reply.group("value").strip("\"'")
                    if value.lower() in _WEAK_VALUES or value.lower() in _NOT_AN_ANSWER:
                        continue
                    # ("… — it's Mr Waffles": referred back, an answer is a name in capitals or quoted; "it's
                    # asking me again" is none)
                    if re.match(r"(?i)it|mine|which|[\"”]|set", reply.group()) and \
                            not (value[:1].isupper() or reply.group("value")[0] in "\"'“"):
                        continue
                    if re.match(r"(?i)question", reply.group()) and \
                            not re.search(r"(?i)\banswer\b[^.!?\n]{0,40}$", text[max(0, question.start() - 50):
                                                                               question.start()]):
                        continue  # "set the answer to your security question to '…'", not any question's "to '…'"
                    found.append(Finding("secret", *reply.span("value"), 0.85, "answer",
                                         rule="secret.security_answer"))
                    break
        if "memorable" in words:
            # "… the 3rd and 5th letters of my memorable word and then rejected it. the word is HOLLYHOCK": a rare word
            for match in _MEMORABLE_WORD_GIVEN.finditer(text):
                if _common_words()(match.group("value").lower()) < 3.0:
                    found.append(Finding("secret", *match.span("value"), 0.8, "answer", rule="secret.security_answer"))
        if "question" in words and "answer" in words:
            # "the question was 'favourite hockey team' and answer is habs1993": a question quoted, its answer given
            for match in _QUOTED_QUESTION_ANSWER_IS.finditer(text):
                value = match.group("value")
                if value.lower() not in _WEAK_VALUES and value.lower() not in _NOT_AN_ANSWER:
                    found.append(Finding("secret", *match.span("value"), 0.85, "answer", rule="secret.security_answer"))
        if not words.isdisjoint(_QUESTION_THEN_ANSWER_GATE):
            # "the answer to mine is my mom's maiden name, Kowalski, and …": a name given right after the question, not
            # an ordinary word ("Mother's maiden name, Favorite color"), unless the question is quoted as a security
            # question's ("your security questions are a joke. 'mother's maiden name', Kowalczyk … 'first pet', Biscuit")
            quoted_questions = "security" in words and "question" in text.lower()
            for match in _QUESTION_THEN_ANSWER.finditer(text):
                if match.group("quote") and quoted_questions or \
                        all(_common_words()(word.lower()) < 3.0 for word in match.group("value").split()):
                    found.append(Finding("secret", *match.span("value"), 0.8, "answer", rule="secret.security_answer"))
        if found:  # a user name is only sensitive beside its password (an e-mail address is found as one)
            for match in _USERNAME.finditer(text):
                if match.group("value").lower() not in _WEAK_VALUES and "@" not in match.group("value"):
                    found.append(Finding("secret", *match.span("value"), 0.75, "username",
                                         rule="secret.username_before_password"))
        return found

    @staticmethod
    def _made_up_value(bare: str) -> bool:
        """A value that only a person makes up: 6 characters or more, a letter, and a digit or a symbol (not a
        product and its version, nor an example password, a placeholder, an address or a handle)."""
        return len(bare) >= 6 and re.search(r"[^\W\d_]", bare) is not None and \
            re.search(r"\d|[^\w\s-]", bare) is not None and _looks_made_up(bare) and \
            not re.search(r"/|^[#@]|@[\w-]+\.\w|^\W", bare) and bare.lower() not in _WEAK_VALUES and not _placeholder(bare) and \
            _PRODUCT_VERSION.fullmatch(bare) is None and _EXAMPLE_PASSWORDS.fullmatch(bare) is None and \
            _NOT_A_SECRET_VALUE.fullmatch(bare) is None

    def _strong_passwords_in_sentence(self, text: str) -> list[Finding]:
        """A value in a strong password's shape later in a password word's sentence (see _TOKEN_AFTER_WORD)."""
        found: list[Finding] = []
        if _INNER_SYMBOL.search(text) is None:
            return found
        names = list(_PASSWORD_WORD_ANY.finditer(text))
        if not text.isascii():
            names += _UNSPACED_PASSWORD_WORDS.finditer(text)
        for name in names:
            for token in _TOKEN_AFTER_WORD.finditer(text, name.end(), _after_in_clause(text, name.end(), 90)):
                bare = token.group().rstrip(".,;:!?)'’\"”」")
                # (a dot inside: a version, a file or a domain, "v2.3.1_build")
                if not (_HAS_DIGIT.search(bare) and _INNER_SYMBOL.search(bare) and self._made_up_value(bare)) or \
                        "." in bare or _REFERENCE_WORDS_EN.match(bare) or \
                        _EXAMPLE_BEFORE.search(text, max(0, token.start() - 20), token.start()) or \
                        _vetoed(text, token.start(), _REFERENCE_WORDS, _PASSWORD_WORD_ANY, width=20):
                    continue
                found.append(Finding("secret", token.start(), token.start() + len(bare), 0.8, "password",
                                     rule="secret.strong_value_in_sentence"))
        return found

    @staticmethod
    def _random_runs_by_key_word(text: str) -> list[Finding]:
        """A random run later in a key, token or secret word's sentence (see _RANDOM_RUN): random by entropy (3.3 bits
        a character), no reference word (order, transaction …) right before it."""
        found = []
        for run in _RANDOM_RUN.finditer(text):
            begin = max(0, run.start() - 100)
            ends = [m.end() for m in _SENTENCE_END.finditer(text, begin, run.start())]
            if _KEY_WORD_ANY.search(text, ends[-1] if ends else begin, run.start()) is None or \
                    _entropy(run.group()) < 3.3 or _placeholder(run.group()) or \
                    _vetoed(text, run.start(), _REFERENCE_WORDS, _KEY_WORD_ANY, width=30):
                continue
            found.append(Finding("secret", *run.span(), 0.85, "token", rule="secret.random_run_by_key_word"))
        return found

    @staticmethod
    def _config_secret(match: re.Match) -> bool:
        """A configuration's secret (see _CONFIG_SECRET): not a field about it, a random or made-up value."""
        value = match.group("value")
        return _CONFIG_NOT_SECRET_KEY.search(match.group("key")) is None and not _placeholder(value) and \
            value.lower() not in _LINK_PASSWORD_PLACEHOLDERS and value.lower() not in ("true", "false", "null") and \
            (_entropy(value) >= 3.0 or _looks_made_up(value)) and re.search(r"\d", value) is not None

    def _transfer_codes(self, text: str) -> list[Finding]:
        """A domain's transfer code after its name (see _TRANSFER_CODE): a made-up value, no domain name itself."""
        found = []
        for match in _TRANSFER_CODE.finditer(text):
            bare = match.group("value").rstrip(".,;:!?)'’\"”»")
            if "." in bare or not self._made_up_value(bare) or not re.search(r"\d", bare):
                continue  # ("… for example.com is …": a domain, not its code)
            found.append(Finding("secret", match.start("value"), match.start("value") + len(bare), 0.85, "token",
                                 rule="secret.transfer_code"))
        return found

    def _passwords_referred(self, text: str) -> list[Finding]:
        """A made-up value referred back to a password word in its sentence or the two before (see
        _PASSWORD_REFERRED)."""
        found = []
        pattern = _PASSWORD_REFERRED_ABROAD if not _words_of(text).isdisjoint(_NEW_ONE_GATE) else _PASSWORD_REFERRED
        for match in pattern.finditer(text):
            bare = match.group("value").rstrip(".,;:!?)'’")
            if not self._made_up_value(bare) or _EXAMPLE_BEFORE.search(text, max(0, match.start() - 20),
                                                                         match.start()):
                continue
            ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
            if match.group("quote"):  # a quoted value: its word in the same sentence
                begin = ends[-1] if ends else 0
            else:
                begin = ends[-3] if len(ends) >= 3 else 0
            # ("te hemos generado una provisional, Nube7-Caracol, …; al entrar te pedirá … una contraseña nueva": a
            # temporary one, its word later in the sentence)
            named_after = _TEMPORARY_ONE.match(match.group()) is not None and \
                _PASSWORD_WORD_ANY.search(self._sentence_around(text, match.start(), match.end()))
            # (or, for a strong value, an account "reset" just before it: "I've reset it, new one is kettle4Moon!")
            reset_before = _character_kinds(bare) >= 3 and re.search(r"[a-z]", bare) is not None and \
                _RESET_IT.search(text, ends[-1] if ends else 0, match.start()) is not None
            if _PASSWORD_WORD_ANY.search(text, begin, match.start()) is None and not named_after and not reset_before or \
                    _vetoed(text, match.start(), _REFERENCE_WORDS, _PASSWORD_WORD_ANY, width=20):
                continue  # ("… Order number? it's AB-123456": another thing referred to)
            found.append(Finding("secret", match.start("value"), match.start("value") + len(bare), 0.8, "password",
                                 rule="secret.referred_back"))
        return found

    @staticmethod
    def _sentences_around(text: str, start: int, end: int) -> str:
        """The sentence of text[start:end], with the one before and the one after it."""
        before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
        after = _SENTENCE_END.search(text, end)
        following = _SENTENCE_END.search(text, after.end()) if after is not None else None
        return text[before[-2] if len(before) >= 2 else 0:following.start() if following else len(text)]

    @staticmethod
    def _sentence_before(text: str, start: int) -> str:
        """The sentence before the one text[start] is in."""
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
        return text[ends[-2] if len(ends) >= 2 else 0:ends[-1]] if ends else ""

    @staticmethod
    def _sentence_around(text: str, start: int, end: int) -> str:
        before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
        after = _SENTENCE_END.search(text, end)
        return text[before[-1] if before else 0:after.start() if after else len(text)]

    def _slash_pairs(self, text: str) -> list[Finding]:
        found = []
        for match in _SLASH_PAIR.finditer(text):
            user, value = match.group("user"), match.group("value")
            if user.lower() == value.rstrip(".,;:!?").lower():
                continue  # "admin/admin", "root/root": a factory default, the same word twice
            if not (_looks_made_up(value) and re.search(r"[^\W\d_]", value)) or value.lower() in _WEAK_VALUES:
                continue
            if "@" in value and _EMAIL_PLAIN.match(text, match.start()) is not None:
                continue  # "pw/0@a.ac" is one e-mail address ("/" may be in its local part)
            sentence = self._sentence_around(text, match.start(), match.end()).replace(match.group(), " ")
            if not _LOGIN_CONTEXT.search(sentence) and not (
                    # (the login named in the sentence before, the pair referred back to it: "should I just give her
                    # my login? its sarahsbakes / Flour&Sugar22"; or a device's account, as printed: "… changed the
                    # admin login. The sticker on the box says admin / Kp7r-2WxL-99")
                    (_REFERRED_PAIR.search(text, max(0, match.start() - 40), match.start()) or
                     user.lower() in _ACCOUNT_NAMES) and
                    _LOGIN_CONTEXT.search(self._sentence_before(text, match.start()))):
                continue
            # "iOS/Android14", "Galaxy/Note20": a product name, unless the user is an account name
            if re.fullmatch(r"[A-Za-z]+\d{1,2}", value) and user.lower() not in _ACCOUNT_NAMES:
                continue
            found.append(Finding("secret", *match.span("user"), 0.75, "username", rule="secret.slash_pair"))
            found.append(Finding("secret", *match.span("value"), 0.85, "password", rule="secret.slash_pair"))
        return found

    def _quoted_attempts(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        if not ('"' in text or "'" in text or "“" in text) or not _may_match(text, _ATTEMPT_VERBS):
            return found
        for match in _QUOTED_ATTEMPTS.finditer(text):
            # a login or password word in this sentence or the one before ("cant login. tried …")
            ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
            context = text[ends[-2] if len(ends) >= 2 else 0:match.end() + 40]
            if not _LOGIN_CONTEXT.search(context):
                continue
            for quoted in _QUOTED.finditer(text, match.start("values"), match.end("values")):
                group = next(g for g in (1, 2, 3) if quoted.group(g) is not None)
                value = quoted.group(group)
                # what people try to fix a login ("restart", "incognito", "chrome") are words; a password tried
                # is made up or hardly a word at all
                if value.lower() in _WEAK_VALUES or not (_looks_made_up(value) or _uncommon_word(value, 3.0)) or \
                        _placeholder(value):
                    continue  # ('typed "<your-wifi-password>"': the instructions' placeholder, typed as it stood)
                found.append(Finding("secret", *quoted.span(group), 0.8, "password", rule="secret.quoted_attempt"))
        return found

    def _dates_of_birth(self, text: str) -> list[Finding]:
        found = [Finding("date_of_birth", *m.span("date"), 0.9, "date_of_birth", rule="dob.after_birth_word")
                 for m in itertools.chain(_DOB.finditer(text), _DOB_ABROAD.finditer(text) if
                                          not _words_of(text).isdisjoint(_DOB_ABROAD_GATE) else ())
                 if _plausible_date(m.group("date")) and not _PET.search(text, max(0, m.start() - 25), m.start())
                 # words between the birth word and the date ("birth date we hold is …"): a full date only, not
                 # another event's ("Birthday discount valid until 14/08/2025"), and none after a form's label
                 and (not m.group("gap").strip() or re.search(r"\d{4}|\d+\D+\d+\D+\d+", m.group("date")) and
                      not _DIGITS_AND_SPACES.fullmatch(m.group("date")) and
                      m.group("word").lower() not in _BIRTH_LABELS and
                      not _event_before_date(text, m.start("date")) and
                      not _another_clauses_date(text, m.start("gap"), m.start("date"), m.group("date")))]
        found += [Finding("date_of_birth", *m.span("date"), 0.85, "date_of_birth", rule="dob.corrected")
                  for m in _DOB_CORRECTED.finditer(text) if _plausible_date(m.group("date"))]
        if "turned" in _words_of(text) or "turns" in _words_of(text):
            found += [Finding("date_of_birth", *m.span("date"), 0.8, "date_of_birth", rule="dob.turned_on")
                      for m in _TURNED_ON.finditer(text) if _plausible_date(m.group("date"))]
        if "\n" in text and "?" in text:
            found += [Finding("date_of_birth", *m.span("date"), 0.85, "date_of_birth", rule="dob.answered_next_line")
                      for m in _DOB_ANSWERED_NEXT_LINE.finditer(text) if _plausible_date(m.group("date"))]
        # (every whole date has a year 19xx or 20xx: a text without one skips the birth words' long alternations)
        if (not text.isascii() or not _words_of(text).isdisjoint(_DOB_LATER_GATE)) and _CENTURY_YEAR.search(text):
            found += self._dates_of_birth_later(text)
        if "b" in _words_of(text) and _CENTURY_YEAR.search(text):
            for m in _BORN_ABBREVIATION.finditer(text):
                year = int(next(y for y in m.group("y1", "y2", "y3", "y4", "y5") if y))
                if 1900 <= year < _THIS_YEAR - 1 and _plausible_date(m.group("date")):
                    found.append(Finding("date_of_birth", *m.span("date"), 0.85, "date_of_birth",
                                         rule="dob.after_birth_word"))
        if not _words_of(text).isdisjoint(_DOB_BEFORE_WORD_GATE) and _CENTURY_YEAR.search(text):
            for m in _DOB_BEFORE_WORD_ABROAD.finditer(text):
                year = int(next(y for y in m.group("y1", "y2", "y3", "y4", "y5") if y))
                if 1900 <= year < _THIS_YEAR and _plausible_date(m.group("date")):
                    found.append(Finding("date_of_birth", *m.span("date"), 0.85, "date_of_birth",
                                         rule="dob.before_birth_word"))
        if not text.isascii() and "เกิด" in text:
            found += [Finding("date_of_birth", *m.span("date"), 0.85, "date_of_birth", rule="dob.after_birth_word")
                      for m in _DOB_THAI.finditer(text) if _plausible_date(m.group("date"))]
        if not text.isascii() and ("生" in text or "생" in text or "誕" in text):
            found += [Finding("date_of_birth", *m.span("date"), 0.85, "date_of_birth", rule="dob.after_birth_word")
                      for pattern in (_DOB_CJK, _DOB_CJK_BEFORE) for m in pattern.finditer(text)]
        if _may_match(text, _DOB_BEFORE_GATE):
            found += [Finding("date_of_birth", *m.span("date"), 0.85, "date_of_birth", rule="dob.before_birth_word")
                      for m in itertools.chain(_DOB_BEFORE.finditer(text), (
                          date for label in _DOB_LABEL.finditer(text)
                          for date in _DOB_LABEL_AFTER.finditer(text, max(0, label.start() - 40), label.end() + 40)
                          if date.end("date") <= label.start() + 1))
                      if _plausible_date(m.group("date"))]
        if found:
            found = [f for f in found if not (
                _BORN_CUT_OFF.search(text, max(0, f.start - 30), f.start) or f.rule == "dob.after_birth_word" and
                _BIRTHDAY_OCCASION.search(text, max(0, f.start - 60), f.start) and _recent_or_no_year(text[f.start:f.end]))]
        if found and (not text.isascii() or not _words_of(text).isdisjoint(_ANIMAL_GATE)):
            found = [f for f in found if _BORN_BEFORE_DATE.search(text, max(0, f.start - 30), f.start) is None or
                     _ANIMAL_NEAR.search(text, max(0, f.start - 120), f.end + 60) is None or
                     _PERSON_BEFORE_DATE.search(text, max(0, f.start - 40), f.start) is not None]
        return found

    @staticmethod
    def _dates_of_birth_later(text: str) -> list[Finding]:
        """A whole date in the birth word's sentence or the next, after other words (_DOB_LATER_WORD)."""
        found = []
        words = _words_of(text)
        abroad = not text.isascii() or not words.isdisjoint(_DOB_LATER_GATE_ABROAD)
        for word in itertools.chain(_DOB_LATER_WORD.finditer(text) if not words.isdisjoint(_DOB_LATER_GATE_EN) else (),
                                    _DOB_LATER_WORD_ABROAD.finditer(text) if abroad else ()):
            if _PET.search(text, max(0, word.start() - 25), word.start()):
                continue
            # up to the end of the next sentence, at most 140 characters on
            end = min(len(text), word.end() + 140)
            stops = [m.end() for m in _SENTENCE_END_NOT_DAY.finditer(text, word.end(), end)]
            if len(stops) >= 2:
                end = stops[1]
            for date in _WHOLE_DATE.finditer(text, word.end(), end):
                year = int(next(y for y in date.group("y1", "y2", "y3", "y4", "y5") if y))
                if not 1900 <= year < _THIS_YEAR or not _plausible_date(date.group()) or \
                        _EVENT_BEFORE_DATE.search(text, max(0, date.start() - 20), date.start()) or \
                        _another_clauses_date(text, word.end(), date.start(), date.group()):
                    continue
                found.append(Finding("date_of_birth", *date.span(), 0.8, "date_of_birth", rule="dob.later_in_text"))
        return found

    @staticmethod
    def _unit_addresses(text: str) -> list[Finding]:
        found = [Finding("address", *match.span(), 0.8, "street", rule="address.unit_places_postcode")
                 for match in _UNIT_PLACES_POSTCODE.finditer(text) if not _NOT_ADDRESS_PARTS.search(match.group())]
        for word in _ADDRESS_WORDS.finditer(text) if _may_match(text, _ADDRESS_WORDS_GATE) else ():
            match = _NUMBER_PLACES_POSTCODE.search(text, word.end(), min(len(text), word.end() + 140))
            if match and match.start() - word.end() <= 12 and not _NOT_ADDRESS_PARTS.search(match.group()):
                found.append(Finding("address", *match.span(), 0.75, "street", rule="address.unit_places_postcode"))
        return found

    def _addresses(self, text: str, text_words: frozenset[str] | set[str], street_ending: bool | None
                   ) -> list[Finding]:
        """street_ending: whether a word of the text ends in a street word (None: not looked at yet)."""
        found: list[Finding] = []
        for match in _overlapping(_STREET, text) if _may_match(text, _STREET_SUFFIX_WORDS) else ():
            if any(f.start <= match.start() < f.end for f in found):
                continue
            name_words = (match.group("name") or "").split()
            if not name_words and match.group("suffix").lower() != "broadway":
                # "4 hill view terrace": the shortest reading ("4 hill") has no name; a street name may follow
                named = _STREET_WITH_NAME.match(text, match.start())
                if named is None:
                    continue
                match, name_words = named, named.group("name").split()
            words = [w.strip(".").lower() for w in name_words]
            if any(w in _NOT_STREET_NAME for w in words if len(w) > 1 or w not in "nsew"):
                continue
            if name_words and name_words[-1].endswith(".") and len(words[-1]) > 2 and match.group("suffix")[:1].isupper():
                continue  # "from 1 October. Walk in": a sentence ends before the suffix (not "St." or "Mt.")
            suffix = match.group("suffix")
            titled = all(w[:1].isupper() or w[:1].isdigit() for w in name_words + [suffix])
            unit = _UNIT_BEFORE.search(text, max(0, match.start() - 20), match.start())
            tail = match.group("tail").rstrip(" ,")
            unit_after = _UNIT_OR_POSTCODE.search(tail) is not None
            # lower-case "4 elm st" is an address right after "ship to:", or beside a unit or a postcode
            # ("apt 12c, 301 e 79th st"); elsewhere only with a clear suffix
            if not titled and suffix.lower() not in _STRONG_SUFFIXES and unit is None and not unit_after and \
                    _near_before(_ADDRESS_WORDS, text, match.start(), 15) is None:
                continue
            if suffix.lower() in _WEAK_SUFFIXES and unit is None and not unit_after and \
                    not re.fullmatch(r"\d{1,5}-\d{1,5}", match.group("number")):
                continue  # "lunch at 1 Canary Wharf": an office block's name, no one's flat (but "1205-650 Queens
                # Quay W": a flat's number before the house's, as Canada writes them)
            start = unit.start() if unit is not None else match.start()
            found.append(Finding("address", start, match.start("tail") + len(tail), 0.9 if titled else 0.75,
                                 "street", rule="address.street_with_unit" if unit or unit_after else "address.street"))
        for pattern, gate in zip(_STREETS_ABROAD, _STREETS_ABROAD_GATES):
            if gate is None and street_ending is None:
                street_ending = _street_ending(text_words)
            if gate is not None and text_words.isdisjoint(gate) or gate is None and not street_ending:
                continue
            for match in pattern.finditer(text):
                if _VIA_ACRONYM.match(match.group()):
                    continue  # "Refunds via UPI usually reflect within 3 to 5 days": English "via", no Italian street
                start = match.start()
                # a house number read off the end of a hyphenated one ("CEP 01310-100, Av. Paulista …"): the whole
                # number goes with it, or its first part would stay in view
                while text[start:start + 1].isdigit() and start >= 2 and text[start - 1] == "-" and \
                        text[start - 2].isdigit():
                    start -= 1
                    while start >= 1 and text[start - 1].isdigit():
                        start -= 1
                found.append(Finding("address", start, match.end(), 0.85, "street", rule="address.street_abroad"))
        return found

    @staticmethod
    def _places_with_postcode(text: str) -> list[Finding]:
        found = []
        if _FULL_POSTCODE_ALONE.search(text):
            for match in _PLACES_FULL_POSTCODE.finditer(text):
                # a house number, a street word among the parts, or three or more parts: a house, not a company
                parts = [match.group("head")] + match.group("places").split(",")[1:]
                street = any(re.search(rf"(?i)\b(?:{_STREET_SUFFIXES}|park|view|gardens|estate|cottages?)\b", part)
                             for part in parts)
                if match.group("head")[:1].isdigit() or street or len(parts) >= 3:
                    if not _NOT_ADDRESS_PARTS.search(match.group()):
                        found.append(Finding("address", *match.span(), 0.8, "street", rule="address.places_postcode"))
        return found

    @staticmethod
    def _streets_before_postcode(text: str) -> list[Finding]:
        """A street and house number before ", postcode Town" (see _POSTCODE_TOWN)."""
        found = []
        for place in _POSTCODE_TOWN.finditer(text):
            if _NOT_A_TOWN.match(place.group("town")):
                continue
            street = _STREET_NUMBER_BEFORE.search(text, max(0, place.start() - 50), place.start())
            if street is None or _REFERENCE_WORDS.search(street.group("street")) or \
                    street.group("street").split()[-1].lower() in _NOT_STREET_NAME:
                continue
            ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, street.start())]
            if _ADDRESS_STEM.search(text, ends[-2] if len(ends) >= 2 else 0, place.end()) is None:
                continue
            # an organisation's ("Unsere Filiale …", "our returns centre: …"), unless said to be the writer's
            begin = _clause_before(text, street.start(), 90)
            if _OUR_WORD.search(text, begin, street.start()) and not _WRITERS_HOME.search(text, begin, street.start()):
                continue
            found.append(Finding("address", street.start(), place.end(), 0.8, "street", rule="address.postcode_town"))
        return found

    def _po_boxes_and_postcodes(self, text: str) -> list[Finding]:
        found = []
        for match in _PO_BOX.finditer(text) if _may_match(text, _PO_BOX_GATE) else ():
            end = match.end() - _trailing_space(match.group())
            found.append(Finding("address", match.start(), end, 0.85, "po_box", rule="address.po_box"))
        for word in _ADDRESS_WORDS.finditer(text) if _may_match(text, _ADDRESS_WORDS_GATE) else ():
            window_end = min(len(text), word.end() + 40)
            postcode = _POSTCODE_ALONE.search(text, word.end(), window_end)
            if postcode:
                found.append(Finding("address", *postcode.span(), 0.7, "postcode", rule="address.postcode"))
            place = _NUMBERED_PLACE.search(text, word.end(), window_end)
            # ("… to your new address is active from 1 Dec for 12 months": a date, a day and a month)
            if place and place.start() - word.end() <= 25 and not _A_DAY_AND_MONTH.fullmatch(place.group()):
                found.append(Finding("address", *place.span(), 0.6, "street", rule="address.numbered_place"))
        return found

    # -- the brand's own details and other public ones ----------------------------------------------
    def _allowance(self, text: str, finding: Finding, beside: Sequence[Finding] = (),
                   places: Sequence[tuple[Finding, bool]] = ()) -> str | None:
        """The rule that makes a contact detail public (not the customer's), or None when it is sensitive.
        places: the street addresses found in the text, each with whether it is public (a phone's place may be
        one of them)."""
        value = text[finding.start:finding.end]
        owned = None  # (_owned, asked at most once: its patterns are long)
        if finding.kind in ("email", "phone", "address") and _example_before(text, finding.start):
            return "allow.example_value"  # "enter the street first (e.g. 123 Main St)", "z. B. 0171 …"
        if finding.kind in ("email", "phone", "address") and "\n\n" in text and _in_signature_paragraph(text, finding.start):
            return "allow.signed_by_organisation"  # "Equipa Ginásio Ponte Nova\nRua da Ponte Nova 88, …\n222 010 455"
        if finding.kind in ("email", "phone", "address") and \
                _example_hint_after(text, finding.end) and \
                _EXAMPLE_VALUE_AFTER.match(text, finding.end, min(len(text), finding.end + 50)):
            return "allow.example_value"  # "like 2025550143 (that's just the format, not a real number)"
        if finding.kind in ("email", "phone"):
            if _ORG_AFTER.match(text, finding.end):
                owned = _owned(text, finding.start, finding.end)
                if not owned:
                    return "allow.organisation_named_after"
        if (text.startswith("@") and ("?" in text or "？" in text or text.rstrip().endswith(_QUESTION_ENDINGS)) or
                _signed_by_organisation(text)) and \
                (setting := _organisations_by_setting(text, finding)) is not None:
            return setting
        if finding.kind == "address" and _FREEPOST.search(text, max(0, finding.start - 20), finding.end):
            return "allow.po_box"  # (no one's home: "post it for free to FREEPOST …" is no owner's word)
        if finding.kind == "address" and re.match(r"(?i)p\.?\s?o\.?\s?box|post office box|postfach|apartado", value):
            window = max(0, finding.start - 40)
            owner = _ADDRESS_OWNER.search(text, window, finding.start)
            if owner is None or _BUSINESS_PLACE_ANY.search(text, owner.end(), finding.start):
                return "allow.po_box"  # (also sent to an organisation named between: "post it to Riverside Credit Union, PO Box …")
            if _SCAM_WORD.search(text) and not _OWNER_CUE.search(text[max(0, finding.start - 40):finding.start] + " "):
                return "allow.scam_warning"  # "a letter … asking her to … post it back to PO Box 4471, … That's a scam"
        if finding.kind == "email":
            address = canonical_email(value)
            local, _, domain = address.rpartition("@")
            if address in self._allowed_emails:
                return "allow.brand_email"
            if any(domain == d or domain.endswith("." + d) for d in self._allowed_domains):
                return "allow.brand_domain"
            if (owned if owned is not None else _owned(text, finding.start, finding.end)) or \
                    _MINE_AFTER.match(text, finding.end):
                return None  # "my email is support@jamiesplumbing.com": theirs, whatever it looks like
            if _EXAMPLE_DOMAIN.search(domain):
                return "allow.example_value"  # example.com, .test, .invalid: reserved for examples (RFC 2606)
            if is_role_mailbox(local):
                return "allow.role_address"
            if _handle_domain(text, domain) and not _LOGIN_IS_BEFORE.search(text, max(0, finding.start - 30),
                                                                           finding.start):
                return "allow.organisation_handle"  # "@CloudPawsVet is records@cloudpawsvet.com the right place"
            if re.fullmatch(r"[^\W\d_]+", local) and _named_organisations_domain(text, domain):
                return "allow.organisation_mailbox"  # "avtal@hyresbolagetbjork.se … Mvh, Hyresbolaget Björk"
            if _at_mail_provider(domain) and _WRITE_TO_US_BEFORE.search(text, max(0, finding.start - 25), finding.start):
                return None  # "Reply to us at vikram.sethi.blr@gmail.com": a family's own mailbox, not a fraud's
            # (or in its sentence, however long: "a message pretending to be the council … told me to email … to …")
            # (outside the address: "fake@…" or "scam.alerts@…" alone warns of nothing)
            if _SCAM_WORD.search(text, min(max(0, finding.start - 150), _clause_before(text, finding.start, 400)),
                                 finding.start) or _SCAM_WORD.search(text, finding.end, min(len(text), finding.end + 150)):
                return "allow.scam_warning"  # "the scammer asked me to email them at …": the scammer's, quoted
            if _WHO_IS_BEFORE.search(text, max(0, finding.start - 16), finding.start) and \
                    re.match(r"[\s'’\"”]*\?", text[finding.end:finding.end + 6]):
                return "allow.sender_asked_about"  # "WHO IS 'security@paypa1-verify.com'???": asked about
            if _SENDER_WORDS.search(text, max(0, finding.start - 25), finding.start) and \
                    not _CHANGED_FROM.search(text, max(0, finding.start - 50), finding.start) and \
                    not _WROTE_FROM.search(text, max(0, finding.start - 50), finding.start) and \
                    not (_HEADER_FROM_BEFORE.search(text, max(0, finding.start - 12), finding.start) and
                         _at_mail_provider(domain) and _MAIL_OF_READER_OR_WRITER.search(text)):
                # (not a mail's own header, quoted as the reader's or the writer's mail: "here's the email we got
                # from you … > From: ben.oakes@btinternet.com")
                return "allow.sender_asked_about"  # (not "they changed the email from …": that one was theirs)
            if is_team_mailbox(local, domain):
                return "allow.role_address"  # "sales.reading@northgate-motors.co.uk", "patientbilling@…"
            if not _at_mail_provider(domain) and _office_spelt(text, local):
                return "allow.role_address"  # "our Data Protection Officer: data.protection@…"
            if _place_mailbox(text, finding.start, finding.end, local, domain, places):
                return "allow.place_mailbox"  # "Storgatan 14, 411 38 Göteborg, tel. …, öppet 8–18. catering@…"
            return None
        if finding.kind == "phone":
            if _CALLED_BY_AT_WORDS.search(text, max(0, finding.start - 40), finding.start):
                return "allow.sender_asked_about"  # "caller ID 202-555-0147", "me llamó el 611 …": the caller's
            if _CALLED_ME_AFTER.match(text, finding.end):
                return "allow.sender_asked_about"  # "¿es real el número 55 4102 8830 que me llamó …?": the caller's
            if _recommended_business(text, finding.start):
                return "allow.recommended_business"  # "Huge thanks to Hartley Plumbing & Heating, 01923 228416"
            paren = finding.start + 1 if value.startswith("(") else finding.start
            if _ACRONYM_THEN_PAREN.search(text, max(0, paren - 40), paren) and \
                    not _A_PERSONS_WORDS.search(text, max(0, paren - 40), paren):
                return "allow.business_phone"  # "L'ADIL de l'Isère (04 76 53 37 30) m'a conseillé …": a body's line
            if _delivery_label_before(text, finding.start):
                return None  # "Contact on site: (720) 381-5592": the customer's, in a reply summing up a visit
            if _WALLET_BEFORE.search(text, max(0, finding.start - 40), finding.start) and \
                    not _OUR_WORD.search(text, max(0, finding.start - 40), finding.start):
                return None  # "… le recevoir sur Orange Money au +221 …": a wallet's number is its holder's mobile
            digits = "".join(c for c in value if c.isdigit())
            if digits.endswith(self._allowed_phone_tails):
                number = _e164(value, self.default_region)
                if (number is None or number not in self._allowed_phones) and finding.rule.startswith(
                        "phone.national_format"):
                    number = _e164(value, _valid_abroad(value) or self.default_region)  # "020 7946 0000", a UK line
                if number is not None and number in self._allowed_phones:
                    return "allow.brand_phone"
            if (called := _WRITER_CALLED_IT.search(text, max(0, finding.start - 50), finding.start)) and \
                    called.group().lower().rstrip(" :").endswith(("you on", "you at")) and \
                    not _GREETED_PERSON.match(_LEADING_HANDLES.sub("", text, count=1)) and \
                    _line_kind(value, self._regions_of(text, value), text) != "mobile":
                return "allow.line_called"  # "tried ringing you on 0121 …": the reader rung is the organisation
            if (not _words_of(text).isdisjoint(_READERS_LINE_GATE) or _READERS_LINE_VERBS_ABROAD.search(text) or
                    _READERS_LINE_AFTER_GATE.search(text, finding.end, finding.end + 60)) and \
                    _readers_line(text, finding.start, finding.end) and not _toll_free_here(value, self.default_region) \
                    and not _CALL_THEM_IMPERATIVE.search(text, max(0, finding.start - 40), finding.start):
                return None  # "we'll text it to …", "the driver will call …", "…, the mobile you gave us"
            if _SOMEONES_LINE_AT_WORDS.search(text, _clause_before(text, finding.start, 50), finding.start):
                return None  # "… Ihrer Tochter 0171 …", "her personal line …": one person's, whoever speaks
            if any(not public and p.kind == "address" and _ADDRESS_THEN_LABEL.fullmatch(text, p.end, finding.start)
                   and _home_named_before(text, p.start) for p, public in places):
                return None  # "Meine Adresse: Lindenstraße 4, 10969 Berlin, Tel. 030 …": the line of the address's owner
            if owned if owned is not None else _owned(text, finding.start, finding.end):
                begin = _clause_before(text, finding.start, 60)
                service_line = _SERVICE_LINE_BEFORE_AT_WORDS.search(text, begin, finding.start)
                if service_line and _OUR_WORD.search(text, begin, finding.start) and \
                        not _WRITERS_HOME.search(text, begin, finding.start) and \
                        not _A_PERSONS_LINE_BETWEEN.search(text, service_line.start(), finding.start):
                    # "Notre service client est joignable au …", "Vår kundtjänst nås på …": an organisation's line
                    # is the subject, so "reachable at" is not the writer's own
                    return "allow.business_phone"
                if _OUR_WORD.search(text, begin, finding.start) and \
                        _place_contact_line(text, finding.start, finding.end, places, lambda: self._regions_of(text, value)):
                    return "allow.business_phone"  # "Vår akutmottagning nås på 031-… dygnet runt"
                return None
            if _ONLINE_OR_CALL.search(text, max(0, finding.start - 120), finding.start) or \
                    _OR_VISIT_A_STORE_AFTER.match(text, finding.end) or \
                    any(p.kind == "email" and p.start > finding.end and
                        _OR_WRITE_TO.fullmatch(text, finding.end, p.start) for p in beside):
                # "apply online at … or call 020 …", "call 0700 … or write to care@…": the line offered beside the
                # organisation's site or mailbox
                return "allow.business_phone"
            if _BUSINESS_POSSESSIVE_LINE_AT_WORDS.search(text, max(0, finding.start - 60), finding.start) or \
                    any(p.kind == "address" and _ADDRESS_THEN_LINE.fullmatch(text, p.end, finding.start) for p in beside):
                return "allow.business_phone"  # "the ship's onboard number …", "Desert Paws, 4400 E Broadway, (520) …"
            if any(p.kind == "address" and _ADDRESS_THEN_LABEL.fullmatch(text, p.end, finding.start) for p in beside) \
                    and _line_kind(value, self._regions_of(text, value), text) != "mobile":
                return "allow.business_phone"  # "Uhrmacherei …, Marienplatz 8, 80331 München, Tel. 089 …"
            # (the cheap "named as a person's line" test first: _service_number parses the number in several regions)
            if not text.isascii() and finding.rule != "phone.valid_in_scripts_country" and \
                    _service_number_in_scripts_country(value, text, self.default_region):
                return "allow.service_number"  # "フリーダイヤル 0120-444-111": Japan's freephone, not a German line
            # (one found as a line of the text's script's country is read there, not as another's service number)
            # (a number valid in a country of the text's language is of that country: "bel 088 555 0170", a Dutch
            # company's number, not an Irish mobile; "333 555 4420" in an Italian text, an Italian mobile)
            language_type = _type_in_language_country(value, _language_regions(_words_of(text))) \
                if not value.startswith("+") else None
            if language_type in _SERVICE_TYPES:
                return "allow.service_number"
            if finding.rule != "phone.valid_in_scripts_country" and language_type is None and \
                    not _JAPANESE_MOBILE_GROUPING.fullmatch(value) and \
                    not _personal_line_before(text, finding.start) and \
                    _service_number(value, self.default_region) and \
                    _type_in_language_country(value, _home_regions(_words_of(text))) not in _PERSONAL_TYPES:
                # (a line of the text's own country is no other country's service number: "erreichbar bin ich
                # unter 030 …" is a Berlin landline, not a British 03 number)
                return "allow.service_number"
            if _PHONE_SENDER_AT_WORDS.search(text, max(0, finding.start - 30), finding.start) or \
                    _CAME_FROM_AT_WORDS.search(text, max(0, finding.start - 30), finding.start):
                return "allow.sender_asked_about"  # "… texted from …", "the number it came from was …"
            if _WHO_IS_BEFORE.search(text, max(0, finding.start - 16), finding.start) and \
                    re.match(r"[\s'’\"”]*\?", text[finding.end:finding.end + 6]):
                return "allow.sender_asked_about"  # "who is +971 4 555 0199? says they're from your billing team"
            if _KEEPS_CALLING_AFTER.match(text, finding.end) and \
                    not re.search(r"(?i)\bmy\s+(?:\w+\s+)?$", text[max(0, finding.start - 16):finding.start]):
                return "allow.sender_asked_about"  # "this 08031234567 number keeps calling saying I won a promo"
            if _OUR_LINE_BEFORE.search(text, max(0, finding.start - 40), finding.start):
                return "allow.business_phone"  # "If you'd prefer pickup, call our line on 0700 225 5378"
            if _CALL_THEM_BEFORE.search(text, max(0, finding.start - 30), finding.start) and \
                    _SHOP_NAMED.search(text, max(0, finding.start - 150), finding.start) and \
                    not _A_PERSONS_WORDS.search(text, max(0, finding.start - 150), finding.start):
                return "allow.business_phone"  # "The Sherbrooke St location is open until 9. … call them directly at …"
            if _NOT_FROM_US_AFTER.match(text, finding.end) and \
                    _CALLER_BEFORE.search(text, max(0, finding.start - 30), finding.start):
                return "allow.scam_warning"  # "The caller from +91 70231 88264 was not from our bank"
            service_line = _SERVICE_LINE_BEFORE_AT_WORDS.search(text, max(0, finding.start - 60), finding.start)
            if service_line and not _A_PERSONS_LINE_BETWEEN.search(text, service_line.start(), finding.start) or \
                    not _SERVICE_LINE_GATE.isdisjoint(_WORD.findall(text[finding.end:finding.end + 40].lower())) and \
                    _SERVICE_LINE_AFTER.match(text, finding.end):
                return "allow.business_phone"  # "numero verde 800 …", "… (appel non surtaxé)", "Kundenservice: …"
            if _BUSINESS_PLACE_PHONE_AT_WORDS.search(text, max(0, finding.start - 90), finding.start) and \
                    not _calls_a_person(text, _clause_before(text, finding.start, 90), finding.start):
                return "allow.business_phone"  # "call us free on …", "the Leeds store is on …"
            if _organisation_voice(text, finding.start):
                return "allow.business_phone"  # "Our Chennai office is at Anna Salai; call …"
            if _FIRM_OR_COLLECT_LINE.search(text, max(0, finding.start - 60), finding.start):
                return "allow.business_phone"  # "call Desert Plumbing at …", "call collect at …"
            if not text.isascii() and _SCRIPT_PLACE_THEN_LINE.search(text, max(0, finding.start - 24), finding.start):
                return "allow.business_phone"  # "ติดต่อโรงแรม 02-…": the hotel's, named right before it
            if _PUBLISHED_LINE_BEFORE_AT_WORDS.search(text, max(0, finding.start - 80), finding.start):
                return "allow.business_phone"  # "the owner's number on the sign …", "their phone on the app is …"
            if _offered_to_anyone(text, finding) and \
                    _line_kind(value, self._regions_of(text, value), text) != "mobile":
                return "allow.business_phone"  # "Tlf. 35 37 81 40 hvis nogen skal bruge dem", "…, falls jemand sucht"
            if _PUBLISHED_LINE_AFTER.match(text, finding.end):
                return "allow.business_phone"  # "Su teléfono es 914 … según la web", "… per their website"
            if _place_contact_line(text, finding.start, finding.end, places, lambda: self._regions_of(text, value)):
                return "allow.business_phone"  # "Toy Tower, 18 Briggate, Leeds LS1 6HD, phone 0113 …, open 9–8"
            if _line_outside_hours(text, finding.start, finding.end, lambda: self._regions_of(text, value)):
                return "allow.business_phone"  # "Außerhalb der Öffnungszeiten erreichen Sie den Notdienst unter …"
            if _in_organisations_signature(text, finding.start):
                return "allow.signed_by_organisation"  # "– Holloway Hotels, Bath · 01225 448 910": in its signature
            if _NOBODY_ANSWERS_AFTER.match(text, finding.end) and \
                    not _OWNER_CUE.search(text, max(0, finding.start - 40), finding.start) and \
                    not _WE_CALLED_BEFORE.search(text, max(0, finding.start - 40), finding.start) and \
                    not _PERSONS_LINE_BEFORE.search(text, max(0, finding.start - 30), finding.start) and \
                    not _LINE_ON_RECORD_BEFORE.search(text, max(0, finding.start - 60), finding.start) and \
                    _line_kind(value, self._regions_of(text, value), text) in ("fixed", "either"):
                # "the number … goes straight to voicemail", "… non risponde mai": an organisation's landline (not "her
                # phone", "Tom's number", nor a mobile: a person's)
                return "allow.business_phone"
            if _ORGANISATIONS_LINE_BEFORE.search(text, max(0, finding.start - 40), finding.start) or \
                    text.startswith("@") and _YOUR_LINE_BEFORE.search(text, max(0, finding.start - 30), finding.start):
                return "allow.business_phone"  # "@CliniqueVetMTL votre ligne d'urgence au …", "your voicemail at …"
            if _CALL_THIS_LINE.search(text, max(0, finding.start - 25), finding.start) and \
                    _signed_by_organisation(text):
                return "allow.business_phone"  # "… call us on 01423 770512. Oakhill Manor": signed by the organisation
            if "?" in text and _IS_THAT_YOU_AFTER.match(text, finding.end) and \
                    _MESSAGE_RECEIVED.search(text, max(0, finding.start - 150), finding.start):
                return "allow.number_asked_about"  # "got an email … saying to call 020 …. Is that you?": asked about
            if _WRITER_CALLED_IT.search(text, max(0, finding.start - 50), finding.start) and \
                    not _GREETED_PERSON.match(_LEADING_HANDLES.sub("", text, count=1)) and \
                    _line_kind(value, self._regions_of(text, value), text) != "mobile":
                return "allow.line_called"  # "rang the lost property line on 020 …", "J'ai appelé le 09 74 …": a line
                # the writer called, no one's mobile (an agent greeting a customer calls the customer's own)
            called = _CALLED_ON_AT_WORDS.search(text, max(0, finding.start - 30), finding.start)
            # (a warning post names the fraud once and lists its numbers further on: the whole text is read)
            scam_near = _SCAM_WORD.search(text)
            if called:
                nobody_called = not _A_PERSONS_WORDS.search(text, called.start(), called.end()) and \
                    not _calls_a_person(text, called.start(), called.end())
                if nobody_called and (_BUSINESS_PLACE_ANY.search(text, called.start(), called.end()) or
                                      _PRACTICE_CALLED.search(text, called.start(), called.end())):
                    return "allow.business_phone"  # "ring kansliet 031-…", "call the clinic on …": the place is called
                if nobody_called and scam_near:
                    return "allow.scam_warning"  # "SMS … asking you to call 8293017465, it is fraud": the fraud's line
                return None  # "our team will call you on …": the number someone will be called on
            if _business_phone(text, finding.start, finding.end, lambda: self._regions_of(text, value)):
                return "allow.business_phone"
            if scam_near and not _PERSONAL_LINE_ASKED.search(text, max(0, finding.start - 60), finding.start):
                return "allow.scam_warning"  # (not the victim's own, quoted: "confirm your personal email (…) and mobile (…)")
            if "?" in text and _asked_if_genuine(text, finding.start, finding.end):
                return "allow.number_asked_about"  # "Is 0161 … really Barclays?", "ob 0221 … wirklich die Sparkasse ist?"
            return None
        if finding.kind in ("iban", "bank_account"):
            # (another routing number beside it is no account: "wires use routing …; for ACH use 121000358")
            if finding.rule == "bank.routing_aba" and not any(
                    not rtn.is_valid(re.sub(r"\D", "", m.group()))
                    for m in _OTHER_ACCOUNT_DIGITS.finditer(text[:finding.start] + " " + text[finding.end:])) or \
                    finding.rule == "bank.branch_code" and \
                    not _OTHER_BRANCH_ACCOUNT_DIGITS.search(text[:finding.start] + " " + text[finding.end:]):
                # a bank's routing number or a branch's sort code alone: printed on its site and cheques ("my branch
                # sort code is 30-94-51 now, did my branch merge?")
                return "allow.published_routing"
            if finding.rule == "bank.upi_id" and \
                    _SCAM_WORD.search(text, max(0, finding.start - 150), min(len(text), finding.end + 150)) or \
                    finding.kind == "bank_account" and _PAY_THE_SCAM_TO.search(text, _clause_before(text, finding.start,
                                                                                                     150), finding.start):
                # a scammer's UPI id, or the account a fraud asks people to pay to ("fake letters asking people to
                # pay … to sort code 60-83-71, account …"), quoted as a warning
                return "allow.scam_warning"
            if _NOT_OURS_AFTER.match(text, finding.end):
                return "allow.scam_warning"  # "the account 1023556781 that sent you the 'reversal request' is not ours"
            if "?" in text and (_MESSAGE_RECEIVED.search(text, max(0, finding.start - 200), finding.start) or
                                _INVOICE_RECEIVED.search(text, max(0, finding.start - 200), finding.start)) and \
                    _SCAM_WORD.search(text, finding.end, min(len(text), finding.end + 200)) and \
                    _GENUINE_ACCOUNT_ASKED.search(text, finding.end, min(len(text), finding.end + 200)):
                # "got an email … saying … rent should now go to sort code 40-11-62, acc 71823304. Is that genuinely
                # your client account or is this one of those scams?": the account a message gave, asked about
                return "allow.account_asked_about"
            return "allow.organisation_account" if _organisation_account(text, finding.start, finding.end) else None
        if finding.kind == "address":
            key = f" {_address_key(value)} "
            if any(key in allowed or allowed in key for allowed in self._allowed_addresses):
                return "allow.brand_address"
            if any(key.startswith(famous) and len(key[len(famous):].split()) <= 1 for famous in _FAMOUS_ADDRESSES) \
                    and (_ADDRESS_WORDS.search(text, max(0, finding.start - 40), finding.start) is None
                         and _OWNER_CUE.search(text[max(0, finding.start - 40):finding.start] + " ") is None or
                         _CANNOT_GO_THERE.search(text, max(0, finding.start - 40), finding.start)):
                # alone (no flat, town or postcode with it) and not given as anyone's address or destination, or a
                # destination refused ("we can't deliver to 1600 Pennsylvania Ave"): nobody's
                return "allow.famous_address"
            if (_workplace_before(text, finding.start) or _delivery_label_before(text, finding.start)) and \
                    not _OPENS_OR_CLOSES_AT_AFTER.match(text, finding.end):
                return None  # "deliver to my work: Tom Reyes, Brightwell Dental, 310 Main St", "Endereço de entrega:
                # Rua Padre Chico 415, …": where they receive (not an office that "closes at 4pm now": a business's)
            if _recommended_business(text, finding.start):
                return "allow.recommended_business"  # "Shoutout to Kerrisdale Hardware, 2340 W 41st Ave, …"
            if _BY_POST_BEFORE.search(text, _clause_before(text, finding.start, 90), finding.start) and \
                    _OWNER_CUE.search(text[max(0, finding.start - 40):finding.start] + " ") is None and \
                    any(is_role_mailbox(canonical_email(m.group()).rpartition("@")[0])
                        for m in _EMAIL_PLAIN.finditer(text)) if "@" in text else False:
                # "écrivez à dpo@… ou par courrier : Maison Lumière, Service DPO, 14 rue de la Paix": where an
                # organisation with a desk's mailbox is written to by post
                return "allow.organisations_postal_address"
            if _business_address(text, finding.start, finding.end) or \
                    finding.rule in _SCRIPT_ADDRESSES and _script_business_address(text, finding):
                return "allow.business_address"
            returns = _RETURNS_ADDRESS_NAMED.search(text, max(0, finding.start - 120, text.rfind("\n\n", 0, finding.start)),
                                                    finding.start)
            if returns and not re.search(r"(?i)\b(?:my|mine|his|her|their)\s+$", text[max(0, returns.start() - 8):returns.start()]):
                # "Our returns address is still Boxful Returns, Unit 4, Faraday Park, …", "what's the returns address
                # … is it still Unit 4, …": where a firm takes its returns, never anyone's home
                return "allow.business_address"
            if _opening_hours_after(text, finding.start, finding.end):
                return "allow.business_address"  # "… Leeds LS1 6HD, open 9–8 Mon–Sat": a place with opening hours
            if _offered_to_anyone(text, finding):
                return "allow.business_address"  # "Address is 7 Canal Street, Ancoats, in case you're looking."
            if _venue_before(text, finding.start, finding.end):
                return "allow.business_address"  # "the Canal Walk cinema, 3 Wharf Street", "el tanatorio de Calle …"
            if self._after_signatures_name(text, finding.start):
                return "allow.business_address"  # "Riverside Physio, 12 Quayside, … – Riverside Physio"
            if _AS_BUSINESS_AFTER.match(text, finding.end):
                return "allow.business_address"  # "your site footer lists 221 Harbour St, … as head office"
            if _REGISTERED_ADDRESS_BEFORE.search(text, max(0, finding.start - 60), finding.start) and \
                    _signed_by_organisation(text):
                return "allow.business_address"  # "Registered address: Brightwell House, … – Green Valley Energy"
            if not text[finding.end:].strip(" .!\n") and \
                    (signature := _SIGNATURE_BEFORE_ADDRESS.search(text, max(0, finding.start - 60), finding.start)) \
                    and _organisation_name(signature.group("name")):
                return "allow.business_address"  # "… MetroPet ER, 1450 N Clark St": a signature with its address
            if _FIRM_NAME_BEFORE.search(text, max(0, finding.start - 60), finding.start) and not any(
                    not re.match(r"(?i)we", m.group()) and m.group() != "Home"
                    for m in _ADDRESS_OWNER.finditer(text, max(0, finding.start - 40), finding.start)):
                return "allow.business_address"  # "Spokes & Co at …", "FixRight at …", "The Grand on …"
            if _LEGAL_NAME_BEFORE.search(text, max(0, finding.start - 60), finding.start) or \
                    _NAMED_BUILDING_BEFORE.search(text, max(0, finding.start - 60), finding.start) or \
                    _NAMED_PLACE_BEFORE.search(text, max(0, finding.start - 40), finding.start) and \
                    _ADDRESS_OWNER.search(text, max(0, finding.start - 40), finding.start) is None:
                # "KolejExpress S.A., ul. Targowa 74, …" (a company's invoice details), "Pho Saigon Kitchen (2718 N
                # Clark St)", "em Cajamar (Av. …, 3333)": the address of the named company or place
                return "allow.business_address"
            denial = _NOT_WHERE_I_LIVE.search(text) if "live" in text or "not " in text or \
                _NOT_WHERE_HINT.search(text) else None
            if denial is not None and \
                    re.search(rf"(?i)\b(?:at|in|on)\s+{re.escape(value.rstrip('., ')[:12])}", text[denial.start():]):
                return "allow.not_theirs"  # "delivered to 1 Yonge St. I don't live at 1 Yonge St": the same address
            if finding.rule == "address.street" and _place_mention(text, finding.start, finding.end):
                return "allow.place_mention"
        return None

    @staticmethod
    def _after_signatures_name(text: str, start: int) -> bool:
        """The address follows the name of the organisation that signs the text, or its first words ("collect from
        Kerbside, Unit 3, … – Kerbside Van Hire")."""
        signed_from = _organisation_signature_start(text)
        if signed_from is None or start >= signed_from:
            return False
        name = _signature_name(text[signed_from:])
        before = re.search(r"([A-Z][\w&'’.-]*(?:[^\S\n]+[A-Z&][\w&'’.-]*){0,3})\s*,\s*$", text[max(0, start - 60):start])
        return before is not None and len(before.group(1)) >= 4 and name.startswith(before.group(1))

    def _regions_of(self, text: str, value: str) -> tuple[str, ...]:
        """The countries a number in this text is read in: its script's (first), its language's by its phone-line
        words, the one whose national format it has, and the default region."""
        script = next((region for script, region in _SCRIPT_REGIONS if script.search(text)), None) \
            if not text.isascii() else None
        return tuple(r for r in (script, *_language_regions(_words_of(text)), _valid_abroad(value),
                                 self.default_region) if r)

    def _brand_url(self, url: str) -> bool:
        bare = re.sub(r"(?i)^https?://(?:www\.)?", "", url).lower()
        host = re.split(r"[/?#]", bare, maxsplit=1)[0]
        return any(bare.startswith(prefix) for prefix in self._allowed_urls) or \
            any(host == d or host.endswith("." + d) for d in self._allowed_domains)

    def _allowed(self, text: str, findings: list[Finding], dismissed: list[Finding] | None,
                 beside: Sequence[Finding] = (), places: Sequence[tuple[Finding, bool]] = ()) -> list[Finding]:
        """beside: the public details found before (a phone right after a public address is the same place's);
        places: every street address found before, with whether it is public."""
        if not findings:
            return []  # (most texts)
        kept: list[Finding] = []
        public: list[tuple[Finding, str]] = []
        rules: dict[int, str | None] = {}
        if not places and any(f.kind == "email" for f in findings) and any(f.kind == "address" for f in findings):
            # (the addresses first: a mailbox among a place's details is told by them, public or not)
            rules = {i: self._allowance(text, f, beside) for i, f in enumerate(findings)
                     if f.kind in _PUBLIC_KINDS and f.kind != "email"}
            places = [(f, rules.get(i) is not None) for i, f in enumerate(findings) if f.kind == "address"]
        for i, finding in enumerate(findings):
            rule = rules[i] if i in rules else \
                self._allowance(text, finding, beside, places) if finding.kind in _PUBLIC_KINDS else None
            if rule is None:
                kept.append(finding)
            else:
                public.append((finding, rule))
        # a postcode or street found inside a public address ("PO Box 966, Warrington WA4 9DF") is part of it
        for finding in [f for f in kept if f.kind == "address"] if public else ():
            outer = next((rule for p, rule in public if p.kind == "address" and p.start <= finding.start and
                          finding.end <= p.end), None)
            if outer is not None:
                kept.remove(finding)
                public.append((finding, outer))
        if dismissed is not None:
            dismissed += [replace(finding, rule=rule) for finding, rule in public]
        return kept

    def _customs(self, text: str) -> list[Finding]:
        return [Finding("custom", m.start(), m.end(), 0.9, custom.name, rule="custom.pattern")
                for custom in self._custom for m in custom.pattern.finditer(text) if m.end() > m.start()]

    def _emails(self, text: str) -> list[Finding]:
        at_sign = "@" in text
        provider = written_out = at_sign
        words = _words_of(text)
        # "camille point martin arobase free point fr": said aloud in another language (its at-word in the text; an
        # @handle may be there too)
        abroad = [Finding("email", m.start(), m.end(), 0.9, "email", rule="email.spoken")
                  for m in _EMAIL_SPOKEN_ABROAD.finditer(text)] \
            if not words.isdisjoint(_AT_WORDS_ABROAD) or "at" in words and not words.isdisjoint(_SEPARATORS_WITH_AT) \
            else []
        if not at_sign:
            # "lena at gmx dot de", "jsmith at yahoo": an "at" word and a mail provider's name or a domain ending
            # (no word "at" among the words: the pattern cannot match either)
            if "at" not in words or not _AT_WORD.search(text):
                return abroad
            provider, written_out = not words.isdisjoint(_PROVIDER_WORDS), not words.isdisjoint(_TLD_WORDS)
            if not (provider or written_out):
                return abroad
        found = abroad
        for match in _EMAIL_PLAIN.finditer(text) if at_sign else ():
            if _MASKED_LOCAL.search(match.group()):
                continue  # "j***@gmail.com": already masked
            if _fediverse_handle(text, match):
                continue
            quoted = match.group()[0] in "'’`"  # (a quote before the address, not an apostrophe of its name)
            found.append(Finding("email", match.start() + quoted, match.end(), 0.99, "email", rule="email.plain"))
        # (the provider's name is a word of the text, "@" and a space on either side of "@": a cheap "no" for the
        # handles every social post starts with)
        for match in _EMAIL_AT_PROVIDER.finditer(text) if at_sign and not _words_of(text).isdisjoint(
                _PROVIDER_WORDS) else ():
            found.append(Finding("email", match.start(), match.end(), 0.8, "email", rule="email.provider_no_tld"))
        # "jsmith at yahoo": a handle (digits, dots, underscores) or a mail word before it
        for match in _EMAIL_AT_PROVIDER_WORDS.finditer(text) if provider else ():
            local = match.group("local")
            handle = re.search(r"[._\d]", local) or _MAIL_CUE.search(text, max(0, match.start() - 25), match.start())
            if handle and local.lower() not in _NOT_A_MAILBOX:
                found.append(Finding("email", match.start(), match.end(), 0.7, "email",
                                     rule="email.provider_written_out"))
        if at_sign and (" @ " in text or "\t@" in text or "@\t" in text):
            for match in _EMAIL_SPACED.finditer(text):  # "d a n n y 9 9 @ g m a i l . c o m"
                found.append(Finding("email", match.start(), match.end(), 0.85, "email", rule="email.spaced_out"))
        # (a separator said as a word, or a number said apart after the name, and not "meet me at …")
        words = _words_of(text)
        # (its domain is a mail provider's, or said with "dot": a set look-up first)
        for match in _EMAIL_SPOKEN.finditer(text) if "at" in words and ("dot" in words or not words.isdisjoint(_PROVIDER_WORDS)) and (
                not words.isdisjoint(_SPOKEN_EMAIL_GATE) or _HAS_DIGIT.search(text)) else ():
            local = match.group("local")
            if re.search(rf"(?i){_SPOKEN_SEPARATOR}|\s(?:\d|{_NUMBER_SAID}$)", local) and \
                    local.split()[0].lower() not in _NOT_A_SPOKEN_MAILBOX:
                found.append(Finding("email", match.start(), match.end(), 0.9, "email", rule="email.spoken"))
        # (each match ends with a top-level domain, a whole word: an ASCII text with none is not searched)
        for match in _EMAIL_LOOSE.finditer(text) if written_out and _may_match(text, _TLD_WORDS) else ():
            if text[max(0, match.start() - 1):match.start()] in ("*", "•"):
                continue  # the end of a masked address ("p*****1991@gmail.com")
            if _fediverse_handle(text, match):
                continue
            confidence = self._obfuscated_email_confidence(match)
            if confidence:
                found.append(Finding("email", match.start(), match.end(), confidence, "email",
                                     rule="email.written_out"))
        return found

    @staticmethod
    def _obfuscated_email_confidence(match: re.Match) -> float:
        """0 when " at " is just a word: "deals at walmart.com" is a shop, "lena at gmx dot de" a mailbox."""
        value, local = match.group(), match.group("local")
        if re.fullmatch(r"[\d.,]+", local):
            return 0.0  # "pay £1.45 at royalparcels-redeliver.co.uk": a price at a website
        if re.search(r"\s@\S", value):
            return 0.0  # "only from @acme.com": a domain named after a word, not a mailbox
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

    def _phones(self, text: str, claimed: list[Finding], words: frozenset[str] | set[str] = frozenset()
                ) -> list[Finding]:
        found = []
        spans = [(f.start, f.end) for f in claimed]

        def keep(match, confidence: float, rule: str) -> None:
            if any(match.start < e and s < match.end for s, e in spans):
                return
            if _glued(text, match.start, match.end) or _CODE_GROUP_BEFORE.search(text, max(0, match.start - 16),
                                                                                   match.start):
                return  # part of a longer token: POL-2291-884-A, SKU-5551234, "1Z 9X8 44W 03 1847 2910"
            if _POSTAL_ITEM_HEAD.search(text, max(0, match.start - 4), match.start) and \
                    _POSTAL_ITEM_TAIL.match(text, match.end):
                return  # "PH 7720 1884 39 GB": a postal item's number (two capitals, digits, its country's code)
            # "order 2025551234" is an order number; "order +44 7911 123456" is not: no order number has a "+"
            # ("the number on your reservation, 617-…": the line kept on the reservation, not its reference)
            if text[match.start] != "+" and _vetoed(text, match.start, _REFERENCE_WORDS_AT_WORDS, _ANY_PHONE_WORD,
                                                    signed=True) and \
                    not _LINE_ON_RECORD_BEFORE.search(text, max(0, match.start - 60), match.start):
                return
            if any(line.start() < match.end and match.start < line.end() for line in _BOLETO_LINE.finditer(text)):
                return  # a Brazilian payment slip's digit line ("34191.79001 01043.510047 …"), no phone number
            if text[match.start] != "+" and _DATE_LIKE_PREFIX.match(text, match.start):
                return  # "2025-118304", "20251120-77": a year or a date first, a case or ticket number's shape
            if text[match.start] != "+" and (_NOT_A_LINE_BEFORE_AT_WORDS.search(text, max(0, match.start - 40), match.start) or
                                             _IN_A_LIST_OF_PAIRS.fullmatch(text, match.start, match.end) and
                                             (_digits_in(text[match.start:match.end]) > 10 or
                                              _ANOTHER_PAIR.match(text, match.end))):
                return  # "firmware 24.06-10.00.00", "oyster card number is 0418 …", "drawn: 05 14 22 31 38 44"
            # (a company id's name of more than an acronym: "VAT receipt please 07…" may give the writer's mobile)
            # (or an acronym right before it: "ИНН 5027384610", "VAT: 0728…")
            if text[match.start] != "+" and (company := _near_before(_COMPANY_ID_WORDS, text, match.start, 50)) and \
                    (len(company.group()) > 4 or match.start - company.end() <= 3) and \
                    not _ANY_PHONE_WORD.search(text, company.end(), match.start):
                return  # "la vostra partita IVA per la nota spese, è 07283910152": a company's tax number
            if re.fullmatch(r"\d{3}-\d{2}-\d{5}", text[match.start:match.end]):
                return  # "214-86-39017": a Korean business registration number's grouping, no phone's
            if _NUMBERED_AFTER.match(text, match.end):
                return  # "7248891102 numaralı siparişiniz": Turkish names what a number is after it, an order's here
            # "Ditt ärende har nummer 2026-118432", "your case has the number …": the bare word "number" after a
            # reference word names the reference's number, not a phone
            if text[match.start] != "+" and _REFERENCE_NUMBER_AT_WORDS.search(text, max(0, match.start - 40), match.start):
                return
            found.append(Finding("phone", match.start, match.end, confidence, "phone", rule=rule))
            spans.append((match.start, match.end))

        # phonenumbers' matcher is given only the stretches around runs that could hold a phone number (7+
        # digits): on a long text, dates, times and prices elsewhere are not parsed one by one
        for segment_start, segment_end in _phone_stretches(text, claimed, self._shortest_phone):
            for match in _Matcher(text[segment_start:segment_end], self.default_region, leniency=Leniency.VALID):
                shifted = _Shifted(match, segment_start)
                keep(shifted, 0.95 if _near_before(_PHONE_WORDS_AT_WORDS, text, shifted.start, 30) else 0.85,
                     "phone.valid_number")
        # A text in a script of one country's (kana, Hangul, Thai, Hebrew, Greek) writes that country's numbers
        # without a country code ("090-5521-4873 にお電話"): its fixed and mobile lines are valid numbers too
        for script, region in _SCRIPT_REGIONS if not text.isascii() else ():
            if region != self.default_region and script.search(text):
                for segment_start, segment_end in _phone_stretches(text, claimed, 9):
                    cue = _SCRIPT_LINE_CUES.get(region)
                    for match in _Matcher(text[segment_start:segment_end], region, leniency=Leniency.VALID):
                        start, end = segment_start + match.start, segment_start + match.end
                        # (the cue before it, or right after: "98201 … पर कॉल करें", call on …)
                        if phonenumbers.number_type(match.number) in _PERSONAL_TYPES and (cue is None or cue.search(
                                text, max(0, start - 20), start) or cue.search(text, end, end + 12)):
                            keep(_Shifted(match, segment_start), 0.85, "phone.valid_in_scripts_country")
                break
        # A text in a language of a few countries' (Spanish, Polish, Danish …) writes their numbers in national
        # format ("hemos portado el número 612 48 90 37"): a fixed or mobile line there, after a phone-line word
        for region in _language_regions(words) if words else ():
            for run in _ANY_PHONE.finditer(text):
                value = run.group()
                if value.startswith("+") or not 8 <= _digits_in(value) <= 11 or \
                        any(run.start() < e and s < run.end() for s, e in spans) or \
                        _LINE_WORD.search(text, max(0, run.start() - 50), run.start()) is None:
                    continue
                try:
                    number = _parsed(value, region)
                except phonenumbers.NumberParseException:
                    continue
                if phonenumbers.is_valid_number_for_region(number, region) and \
                        _type_of(value, region) in _PERSONAL_TYPES:
                    keep(_Span(run.start(), run.end(), number), 0.8, "phone.valid_in_language_country")
        # The other way to reach the writer, right after their own e-mail address: "… @seznam.cz nebo 604 218 773",
        # "… @wp.pl albo 601 447 283" (a line of the text's country; a role mailbox's neighbour is not looked at)
        for mail in (f for f in claimed if f.kind == "email") if "@" in text else ():
            beside = _OR_AFTER_EMAIL.match(text, mail.end)
            if beside is None:
                continue
            value, (start, end) = beside.group("line"), beside.span("line")
            if 8 <= _digits_in(value) <= 13 and (_GROUPED_LINE.fullmatch(value) or value.startswith(("+", "0"))) and \
                    not any(start < e and s < end for s, e in spans) and \
                    _line_kind(value, (_valid_abroad(value) or self.default_region,), text) in _A_LINE:
                keep(_Span(start, end, None), 0.75, "phone.beside_email")
        # (every digit of the text now in a value found, most often the number the matcher found: what the rules
        # below offer keep() holds digits, so it would drop all of it)
        if all(any(s <= run.start() and run.end() <= e for s, e in spans) for run in _DIGITS.finditer(text)):
            return found
        # Local numbers without an area code ("call me at 555-0123") are only "possible" numbers: count
        # them when a phone word comes just before (only the text after phone words is searched again).
        for window_start, window_end in _windows_after(_PHONE_WORDS_AT_WORDS, text, reach=45):
            segment = text[window_start:window_end]
            if _digits_in(segment) < 7:
                continue
            # (every run of 7+ digits here already found, by the first pass or as another kind: nothing to add)
            runs = [run.span() for run in _PHONE_SHAPED.finditer(text, window_start, window_end)
                    if _digits_in(run.group()) >= 7]
            if all(any(s <= start and end <= e for s, e in spans) for start, end in runs):
                continue
            for match in _Matcher(segment, self.default_region, leniency=Leniency.POSSIBLE):
                digits = _digits_in(match.raw_string)
                if digits >= 7 and _near_before(_PHONE_WORDS_AT_WORDS, text, window_start + match.start, 20) is not None:
                    keep(_Shifted(match, window_start), 0.7, "phone.local_after_phone_word")
        # "+44 7700 900123" is written as a phone number even where no number is in service (the UK's
        # drama range): international format with a plausible length for its country.
        for run in _INTERNATIONAL_PHONE.finditer(text):
            if any(run.start() < e and s < run.end() for s, e in spans):
                continue  # (found already, most often by the matcher: keep would drop it, so it is not parsed)
            try:
                parsed = _parsed(run.group(), None)
            except phonenumbers.NumberParseException:
                continue
            # a complete number, not one that could only be dialled locally ("+12 345 678" is a score)
            if phonenumbers.is_possible_number_with_reason(parsed) == phonenumbers.ValidationResult.IS_POSSIBLE:
                keep(_Span(run.start(), run.end(), parsed), 0.75, "phone.international_format")
        # Numbers in another country's national format ("ring me on 07911 123456" for a US brand): any
        # run of 7 to 15 digits right after a clear phone word.
        abroad = _PHONE_CUES_ABROAD_AT_WORDS.finditer(text) if not words.isdisjoint(_PHONE_CUES_ABROAD_GATE) else ()
        for word in itertools.chain(_STRONG_PHONE_WORDS_AT_WORDS.finditer(text), abroad):
            after = _ANY_PHONE.search(text, word.end(), min(len(text), word.end() + 60))
            if after and after.start() - word.end() <= 30 and 7 <= _digits_in(after.group()) <= 15:
                keep(_Span(after.start(), after.end(), None), 0.6, "phone.digits_after_phone_word")
        # A national number of another country, written as it is dialled there ("0161 496 0377", "0412 345 678",
        # "030 12345678"): a trunk 0 and a valid fixed or mobile line there (phonenumbers)
        phone_runs = list(_ANY_PHONE.finditer(text))  # (for this rule and the next: searched once)
        if "/" in text:  # (an area code set off by a slash, as German numbers are often written: "0151 / 274 083 16")
            phone_runs = sorted(phone_runs + list(_SLASHED_AREA_CODE.finditer(text)), key=lambda run: run.start())
        for run in phone_runs:
            value = run.group()
            if value.lstrip("(").startswith("0") and not value.lstrip("(").startswith("00") and \
                    10 <= _digits_in(value) <= 12 and \
                    not any(run.start() < e and s < run.end() for s, e in spans) and \
                    _near_before(_BANK_WORDS_AT_WORDS, text, run.start(), 25) is None and _valid_abroad(value):
                keep(_Span(run.start(), run.end(), None), 0.7, "phone.national_format")
        # … or right before one: "07700 900123 is my number", "415-555-0132 (cell)"
        for run in phone_runs:
            if 7 <= _digits_in(run.group()) <= 15 and _PHONE_WORD_AFTER.match(text, run.end()):
                keep(_Span(run.start(), run.end(), None), 0.6, "phone.digits_before_phone_word")
        # … or as the line the reader is called or written on: "we'll text your tracking link to 087 214 6630" (a
        # phone's grouping or a valid line: not "sent to 12345678", an account). The tracking link or order named
        # before "to" is what is sent, not the number's name, so no reference word vetoes it.
        # (only the runs no rule has kept are looked at: most texts have none left)
        if not words.isdisjoint(_READERS_LINE_GATE) or _READERS_LINE_VERBS_ABROAD.search(text):
            for line in phone_runs:
                if not 7 <= _digits_in(line.group()) <= 15 or \
                        any(line.start() < e and s < line.end() for s, e in spans) or _glued(text, *line.span()):
                    continue
                readers = _READERS_LINE_BEFORE.search(text, _clause_before(text, line.start(), 90), line.start())
                if readers is None or _SMS_KEYWORD.search(readers.group()):
                    continue
                value = line.group()
                if _PHONE_GROUPS.fullmatch(value) or _NATIONAL_GROUPS.fullmatch(value) or _valid_abroad(value) or \
                        value.startswith("+") or _e164(value, self.default_region) is not None:
                    found.append(Finding("phone", line.start(), line.end(), 0.7, "phone", rule="phone.readers_line"))
                    spans.append(line.span())
        return found

    # -- masking ----------------------------------------------------------------------------------
    def mask(self, text: str, findings: Sequence[Finding] | None = None) -> str:
        """The text with every finding replaced by its mask; overlapping findings are masked together."""
        findings = self.find(text) if findings is None else findings
        if not findings:
            return text  # (most texts)
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
        if finding.rule.endswith((".in_words", ".split_value", ".split_part", ".digits_after")):  # in words or pieces
            return "[date of birth]" if finding.kind == "date_of_birth" else f"[{finding.kind.replace('_', ' ')}]"
        digits = _NOT_A_DIGIT.sub("", value) if value.isascii() else \
            "".join(str(unicodedata.decimal(c)) for c in value if c.isdecimal())  # (ASCII: its decimals are 0-9)
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
            return _mask_email(canonical_email(value.replace("%40", "@")))
        if finding.kind == "phone":
            if len(digits) < 8:
                return "[phone]"
            region: str | None = self.default_region
            if value.lstrip(" (").startswith("0") and not value.lstrip(" (").startswith("00"):
                # A national number shows the country where it is a valid line ("0412 …": +61 ••• …), or none:
                # read in the default region it may only be possible, and "+1 ••• 5678" would name a wrong one.
                region = self.default_region if _valid_in(value, self.default_region) else _valid_abroad(value)
            found = _e164_and_country_code(value, region) if region else None
            if found is None:
                return f"{BULLET * 3} {digits[-4:]}"
            number, country_code = found
            return f"+{country_code} {BULLET * 3} {number[-4:]}"
        if finding.kind == "date_of_birth":
            return "[date of birth]"
        if finding.kind == "custom":
            return f"[{finding.label or 'custom'}]"
        return f"[{finding.kind.replace('_', ' ')}]"  # address, secret


# A run of 6+ digits (or 4+ digit groups) that may be an account number: with one in the text, a routing number is
# no longer the bank's alone
_OTHER_ACCOUNT_DIGITS = re.compile(r"(?<!\d)\d(?:[ -]?\d){5,}(?!\d)")
# beside a branch's code, any four digits may be its account's ("Bradesco ag 1834-2 c/c 7.402-1")
_OTHER_BRANCH_ACCOUNT_DIGITS = re.compile(r"(?<!\d)\d(?:[ .-]?\d){3,}(?!\d)")
# -- public contact details -------------------------------------------------------------------------
_PUBLIC_KINDS = frozenset({"email", "phone", "address", "iban", "bank_account"})
# An organisation's account: its name with a legal form (GmbH, B.V., Ltd …), or words that name a payee, a charity
# or "our account" (privacy_cues.ORGANISATION_WORDS, LEGAL_FORMS); the writer's own: "my", "refund to" …
_ORGANISATION_NEAR = _Cues(_NEVER, re.compile(
    rf"(?i)(?<![\w-]){cues.pattern(cues.ORGANISATION_WORDS, ['en', *cues.spaced_abroad(cues.ORGANISATION_WORDS)])}"
    r"(?![\w-])"
    # (not a US state before its ZIP code: "Reno NV 89523")
    rf"|(?-i:[{_CAPITAL}][\w&'’.-]*\s+{cues.pattern(cues.LEGAL_FORMS)}(?![\w-])(?!\s*\d{{5}}))"),
    cues.gate(cues.ORGANISATION_WORDS, languages=['en', *cues.spaced_abroad(cues.ORGANISATION_WORDS)]) |
    frozenset(w.lower() for w in cues.gate(cues.LEGAL_FORMS)), unspaced=_unspaced_phrases(cues.ORGANISATION_WORDS))
_ACCOUNT_OWNER = _Cues(_NEVER, re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.REFUND_WORDS)}(?![\w-])"),
                       cues.gate(cues.REFUND_WORDS))
# "my email is …", "call me on …", "reach me at …", "I live at …": whatever the value looks like, it is theirs
_OWNER_CUE_EN = re.compile(
    # ("my card details to …" names what is sent, not whose the value after it is)
    r"(?i)(?:\b(?:my|our home|personal|private)\s+(?!(?:card|bank|banking|payment|login|security)\s+details\b)"
    r"(?:[\w-]+\s+){0,2}?(?:e-?mail|mail|address|addy|inbox|number|"
    r"phone|cell|mobile|line|no|#|contact|details|whatsapp|landline|home|hp|handphone)\b[^.!?\n]{0,12}|"
    r"\bmine\b[^.!?\n]{0,12}"
    # (an aside on which line, between: "call me, not the booking line, on …")
    r"|\b(?:e-?mail|mail|write|reach|contact|message|ping|text|txt|call|ring|phone|dm|find)\s+me\b"
    r"(?:,\s*not\s+(?:the|a|an|our|your|their|my)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2},)?[^.!?\n]{0,12}"
    r"|\b(?:me|i'?m|i am)\s+(?:at|on|via)\s*:?\s*|\bi\s+live\b[^.!?\n]{0,12})$")
# the same in the other languages ("chiamatemi al", "meine Nummer ist", "mi correo es"): privacy_cues
_OWNER_CUE = _Cues(_OWNER_CUE_EN, re.compile(
    rf"(?i)(?:(?<![\w-]){cues.pattern(cues.CALL_ME, cues.abroad(cues.CALL_ME))}(?![\w-])[^.!?\n]{{0,20}}"
    # German separable verbs with particles between: "ruft mich doch einfach an:", "rufen Sie mich bitte an unter"
    r"|(?<![\w-])(?:ruf|ruft|rufen(?:\s+sie)?)\s+(?:mich|uns)\b[^.!?\n]{0,30}?\ban\b[^.!?\n]{0,12}"
    rf"|(?<![\w-]){cues.pattern(cues.OWNER_WORDS, cues.abroad(cues.OWNER_WORDS))}\s+(?:[\w-]+\s+){{0,1}}?"
    rf"{cues.pattern(cues.EMAIL_WORDS)}(?![\w-])[^.!?\n]{{0,12}})$"),
    cues.gate(cues.CALL_ME, languages=cues.abroad(cues.CALL_ME)) |
    cues.gate(cues.OWNER_WORDS, languages=cues.abroad(cues.OWNER_WORDS)))
# An agent confirming the customer's record: "we've updated your mobile number to …", "we have your address as …",
# "your contact number is now …", "changed the account from … to …"
_RECORD_BEFORE = re.compile(
    # changed by someone, or held by "we" (a customer's "I got your number from the website" is the brand's)
    r"(?i)(?:(?:\b(?:updated|changed|corrected|amended|saved|added|noted|recorded|registered|switched|set|put|"
    r"linked)\b|"
    r"\bwe(?:['’]ve|\s+have|\s+had|\s+hold|\s+now\s+have|\s+see|['’]ve\s+got|['’]d)?\s+(?:\w+\s+)?"
    r"(?:have|had|got|hold|see|show|listed)?)[^.!?\n]{0,25}?\b(?:your|the customer['’]?s?|his|her)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:number|mobile|phone|cell|contact|address|e-?mail|account|details|landline|line)\b"
    r"|\byour\s+(?:new\s+|updated\s+|registered\s+)?(?:mobile|cell|home|contact|personal|landline|delivery|"
    r"billing|shipping|home)\s*(?:number|phone|no\.?|address|e-?mail)?\b"
    # "your new number has been ported: …", "your updated address is now …"
    r"|\byour\s+(?:new|updated|registered)\s+(?:number|phone|address|e-?mail)\b[^.!?\n]{0,10})"
    r"[^.!?\n]{0,12}?(?:\b(?:to|as|is|now|from|with|on)\b|[:=])?\s*$")
_RECORD_AFTER = re.compile(
    r"(?i)\s*(?:,\s*)?(?:as|is|for)\s+(?:your|the customer['’]?s?)\s+(?:new\s+|updated\s+|main\s+|preferred\s+)?"
    r"(?:contact|mobile|cell|home|phone|delivery|billing|shipping|e-?mail|account)?\s*(?:number|phone|address|"
    r"e-?mail|details|account)\b(?!\s*\?)")
# "they changed the email from …", "updated my number from …": the value it was changed from was the customer's
_CHANGED_FROM = re.compile(
    r"(?i)\b(?:changed|changing|updated|switched|moved|swapped|altered|replaced)\b[^.!?\n]{0,30}?\bfrom\s*:?\s*$")
# "… from <value> to", "<value> on the order instead of": what comes next is the same kind of value
_CHANGED_TO = re.compile(r"(?i)\s*,?\s*(?:[\w'’]+\s+){0,3}?(?:to|instead of|rather than|not|→|->|=>)\s+")
# Mailboxes of a role, not a person: support@, help@, no-reply@, billing@, press@ … of any organisation.
_ROLE_PARTS = frozenset(
    "parkeren parking parkering parken stationnement aparcamiento "
    "support help helpdesk info information press media news newsroom noreply donotreply no reply do not billing "
    "appointments appointment bookings booking reservations reservation inscriptions inscription enrolments "
    "enrolment enrollment registrations registration rdv rendezvous citas cita termine anmeldung "
    "treasurer treasury secretary chairperson committee programari programare citaprevia consultas consulta marcacoes afspraken wizyty rezervace ajanvaraus "
    "rechnungseingang rechnungen invoices invoice dpo records contactcentre contactcenter callcentre bok kontakt "
    "obsluga serwis give donate donations giving facturas facturacion factures fatture faturas "
    "exams examinations admissions registry registrar "
    "bills accounts accounting account sales contact contacts service services customer customers care client "
    "clients team hello hi admin administrator office orders order returns shipping delivery careers jobs hr "
    "recruiting privacy legal compliance security abuse fraud phishing postmaster webmaster hostmaster alerts "
    "alert notifications notification notify updates update newsletter marketing feedback enquiries inquiries "
    "enquiry inquiry reservations reservation bookings booking desk mailer daemon verify verification staff "
    "store shop partners invoices invoice payments payment refunds refund tickets ticket general reception "
    "frontdesk front it ops investors ir community social hey mail bounce bounces confirm confirmation "
    "membership members events sponsorship studio editor editors tips letters corrections dpo gdpr "
    "safety trust claims online web ecommerce subscriptions subscription uk us eu de fr es it au ca intl "
    "global na emea apac complaints complaint exec executive ceo reportphishing report spoof lostproperty lost "
    "property atencion atención soporte ayuda contacto ventas facturacion facturación sicherheit securite sécurité "
    "seguridad sicurezza seguranca segurança kundenservice outpatients inpatients radiology rewards loyalty gm ap ar "
    "praxis kanzlei buero büro studio personalabteilung lohnbuero lohnbüro adherents adhérents adherent membres "
    "pagamentos pagamento pagos cobranca cobrança financeiro zahlungen paiements betalingen platnosci płatności "
    "kontakt hilfe klantenservice assistenza servizio clienti apoio suporte atendimento contato cliente clientes "
    "servicio kunden grievance grievances records escalation escalations rimborsi rimborso reembolso reembolsos "
    "remboursement remboursements erstattung erstattungen reclamos reclamaciones reclamations reclamacoes klachten "
    "reklamace reklamacje reklamation reklamationer".split()) | frozenset(p for group in cues.ROLE_MAILBOXES.values() for p in group)
_WEAK_ROLE_PARTS = frozenset("no do not reply it front hey mail uk us eu de fr es au ca intl global na emea apac "
                             "web online hi".split())
# Said of the value right after it: an organisation's detail, or a sender's ("… isn't ours", "… is a phishing
# address", "… is genuine", "… your official WhatsApp number?", "… no es nuestro", "… ist nicht von uns")
_ORG_AFTER = re.compile(
    # (after a clause on what it did: "el número 55 8120 4473 que te llamó diciendo ser del banco no es nuestro")
    r"(?i)\s+(?:que|qui|che|that|which)\s+[^.!?\n]{0,50}?\s+(?:no es (?:nuestro|nuestra|de nosotros)|isn['’]t ours|"
    r"is not ours|n['’]est pas (?:le|la) n[ôo]tre|non (?:è|e) nostr[oa]|não é nosso|ist nicht von uns)|"
    r"[\s,)\]]*(?:—|-|–)?\s*(?:(?:is|isn['’]t|is not|was|wasn['’]t|are)\s+(?:still\s+|really\s+|not\s+|also\s+)?"
    # "is your …", "is their …" are left out: in a reply to a customer they name the customer's own number
    r"(?:one of\s+)?(?:ours|us\b|our\b|genuine|legit|real\b|fake|official|a (?:phishing|scam|fake|"
    r"spoof|genuine|real|legit)|phishing|a scam|the (?:official|right|correct))|no es (?:nuestro|nuestra|de nosotros)|"
    r"n['’]est pas (?:le|la|de) n[ôo]tre|n['’]est pas (?:à|a) nous|ist nicht von uns|is niet van ons|"
    r"non (?:è|e) nostr[oa]|gehört nicht (?:zu )?uns|es nuestr[oa]|est notre|ist unsere?|è il nostro|"
    r"is niet van (?:de|het) \w+|không phải (?:của|là)|"
    r"não é nosso|(?:really\s+)?(?:you|yours)\s*\?)")
# A sender the customer asks about ("got a mail from alerts-paypal@secure-login.net, is it you?")
_SENDER_WORDS = re.compile(
    r"(?i)\b(?:from|sender|sent by|came from|coming from|pretending to be|spoofing|impersonating|claiming to be|"
    # ("Die Absenderadresse war kundenservice-…@gmail.com", "l'adresse de l'expéditeur était …")
    r"absenderadresse\s+(?:war|ist|lautet)|absender\s+(?:war|ist)|adresse\s+de\s+l['’]expéditeur\s+(?:était|est)|"
    r"(?:correo|mail|e-mail|email|sms|mensaje|message|nachricht|bericht|anruf|llamada|appel|texto)\s+"
    r"(?:de|del|von|du|van|da|from)|report it to|forward it to|forward the \w+ to|report to)\b[\s:\"'“(<]*$")
# The writer wrote from it ("I emailed from …", "Emailed from … four times", "ich habe von … geschrieben"): their own
# mailbox, not a sender asked about
_WROTE_FROM = re.compile(
    r"(?i)(?:\b(?:i|i['’]ve|i\s+have|i\s+had|we|we['’]ve|we\s+have)\s+(?:\w+\s+){0,2}?|(?:^|[.!?\n]\s*))"
    r"(?:e-?mailed|wrote|written|messaged|sent|tried|writing|emailing|did)\b[^.!?\n]{0,25}?\bfrom\s*:?\s*$"
    # "she'll email you from …", "Tom will be writing from …": the mailbox someone will write from is theirs (a
    # received message's sender is asked about in the past; "you'll get an email from …" has no writing verb)
    r"|\b(?:will|['’]ll|going\s+to)\s+(?:also\s+|then\s+|now\s+|soon\s+)?(?:be\s+)?"
    r"(?:e-?mail|writ|messag|mail|reply|replie|contact)\w*\b[^.!?\n]{0,25}?\bfrom\s*:?\s*$"
    # "the confirmation bounced from …", "came back undelivered from …": the reader's mailbox a message to them
    # failed at, not a sender
    r"|\b(?:bounced|bouncing|bounces|came\s+back|returned|undeliverable|undelivered)(?:\s+back)?\s+"
    r"(?:(?:undelivered|unread)\s+)?(?:from|at|by)\s*:?\s*$")
# "hello@jessicamaeceramics.com (that's my little studio)", "info@…, which is mine": a mailbox the writer names as
# theirs right after it, whatever its local part (a sole trader's "hello@" is theirs)
_MINE_AFTER = re.compile(r"(?i)\s*[(,—–-]*\s*(?:that['’]?s|it['’]?s|which\s+is|this\s+is)\s+(?:my|mine)\b")
# A Japanese mobile as written ("080-3719-2846"): no other country's freephone, whatever the digits read as there
_JAPANESE_MOBILE_GROUPING = re.compile(r"0[789]0-\d{4}-\d{4}")
_SERVICE_TYPES = frozenset({phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE,
                            phonenumbers.PhoneNumberType.SHARED_COST, phonenumbers.PhoneNumberType.UAN})
# A person's line: named so right before it, a number is nobody's toll-free line ("Festnetz 030 …", "my mobile
# 0171 …" would otherwise be read as a UK service number)
_PERSONAL_LINE = re.compile(
    r"(?i)\b(?:mobile|mob|cell|cellphone|landline|home phone|handy|handynummer|festnetz|festnetznummer|m[óo]vil|"
    r"celular|portable|fixe|mobiel|cellulare|telem[óo]vel|"
    # a mobile-money wallet whose id is its holder's mobile number
    r"gcash|paymaya|maya|m-?pesa|pix|mb ?way|swish|vipps|bizum)\b[^\d\n]{0,20}$")
# a mobile-money wallet named right before a number: its holder's mobile ("sur Orange Money au +221 77 …")
_WALLET_BEFORE = re.compile(r"(?i)\b(?:gcash|paymaya|m-?pesa|orange\s+money|mtn\s+momo|momo|wave|airtel\s+money|"
                            r"bkash|nagad|easypaisa|jazzcash|paytm|phonepe)\b[^\d\n.!?]{0,12}$")


def _personal_line_before(text: str, start: int) -> bool:
    """A personal line's word in the 30 characters before (_PERSONAL_LINE), not one called from ("is 0345 … free from
    a mobile or should i use 0800 …")."""
    personal = _PERSONAL_LINE_AT_WORDS.search(text, max(0, start - 30), start)
    return personal is not None and _CALLED_FROM_BEFORE.search(text, max(0, personal.start() - 8),
                                                               personal.start()) is None


_CALLED_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+(?:a\s+)?$")
# A line named as one person's right before it, whatever organisation speaks around it: a relative's ("Rückrufnummer
# Ihrer Tochter …", "your son's mobile …", "el móvil de su hija …"), someone's mobile ("auf Ihrer Handynummer …",
# "her cell …"), a personal or private line ("from her personal line …", "Privatnummer …")
_POSSESSIVE = (r"(?:my|your|his|her|mein\w*|ihr\w*|dein\w*|sein\w*|mon|ma|ton|ta|son|sa|votre|mi|tu|su|mio|mia|"
               r"tuo|tua|suo|sua|meu|minha|seu|mijn|uw|zijn|haar|min|din|hans|hennes|mój|moja|jej|jego|pana|pani)")
_SOMEONES_LINE = re.compile(
    rf"(?i)(?:\b{_POSSESSIVE}\s+(?:daughter|son|wife|husband|mum|mom|mother|dad|father|sister|brother|grandson|"
    r"granddaughter|grandmother|grandfather|partner|tochter|sohn|sohnes|frau|mann|mannes|ehefrau|ehemann|"
    r"ehemannes|mutter|vater|vaters|schwester|bruder|bruders|enkelin|enkel|enkels|partnerin|partners|fille|fils|femme|mari|mère|père|sœur|frère|hija|hijo|esposa|marido|madre|padre|"
    r"hermana|hermano|figlia|figlio|moglie|marito|sorella|fratello|filha|filho|esposo|mãe|pai|irmã|irmão|dochter|"
    r"zoon|moeder|vader|datter|søn|dotter|córki|córka|syna|żony|męża|matki|ojca|"
    # (and the people next door or letting the home: "le numéro de mon proprio", "il numero del mio vicino")
    r"landlord|landlady|neighbour|neighbor|proprio|propriétaire|voisin|voisine|vicino|vicina|padrone\s+di\s+casa|"
    r"vecino|vecina|casero|casera|vermieter|vermieterin|nachbar|nachbarin|vizinho|vizinha|senhorio|verhuurder|"
    r"buurman|buurvrouw)(?:['’]s)?"
    r"(?:\s+(?:[\w-]+\s+)?(?:number|mobile|cell|phone|line|nummer|handy|handynummer))?"
    rf"|\b{_POSSESSIVE}\s+(?:[\w-]+\s+)?(?:mobile|cell|cellphone|handy|handynummer|mobilnummer|privatnummer|"
    r"portable|m[óo]vil|celular|cellulare|telem[óo]vel|mobiel|mobilnummer)"
    # one customer's own line, named by the organisation that holds it ("our customer's mobile is …", "the client's
    # number"): a person's, not the organisation's, though "our" is said (not a seller's, courier's or caller's:
    # often a business's line, or a number asked about)
    r"|\b(?:our|your|the|their|this|that|a)\s+(?:customer|client|member|guest|patient|user|tenant|passenger|"
    r"subscriber|policyholder|account\s+holder|student|resident|driver)['’]s\s+"
    r"(?:[\w-]+\s+)?(?:number|mobile|cell|cellphone|phone|line|telephone)"
    r"|\b(?:personal|private)\s+(?:line|number|mobile|cell|phone)|\bprivat(?:nummer|handy|telefon)|"
    r"\bprivate[nr]?\s+(?:nummer|handy)|\bnum[ée]ro\s+(?:personnel|perso|privé|personal|privado|personale|privato)"
    # (a clause on who they are between: "il numero del mio vicino che ha le chiavi è …")
    r")(?:\s+(?:che|qui|que|who|that|die|der|das)\b[^\d\n]{0,30}?)?"
    r"[\s:,(–—-]*(?:(?:on|at|is|ist|unter|au|al|sur|no|op|på|:|c['’]est(?:\s+le)?|è|es|é|est)\s*)?$")
# Where a number in another country's national format may be a service number ("0800 123 4567" for a US brand)
# (Nigeria before New Zealand: "0803 412 7786" is a Nigerian mobile, and in New Zealand a freephone number)
_SERVICE_REGIONS = ("GB", "IE", "AU", "NG", "NZ", "DE", "FR", "ES", "IT", "NL", "IN", "CA")
# "the store at 120 Broadway", "your 5 Main St store", "their head office, 1 Canal Street": a business
_BUSINESS_BEFORE = re.compile(
    r"(?i)\b(?:store|stores|shop|branch|location|outlet|office|offices|hq|headquarters|warehouse|showroom|flagship|dc|"
    r"distribution cent(?:re|er)|fulfil?ment cent(?:re|er)|returns? cent(?:re|er)|"
    r"restaurant|cafe|café|boutique|mall|dealership|depot|factory|plant|clinic|salon|hotel|pharmacy|surgery|chapel|"
    r"terminal|hospital|funeral home|vet|veterinary|"
    r"station|venue|museum|stadium|campus|studio|gym|bakery|bar|pub|dealer|franchise|kiosk|counter|"
    r"service cent(?:er|re)|repair cent(?:er|re)|open|opens|visit us|located|find us|ltd|inc|llc|plc|gmbh|limited|"
    r"corp|complaints|filiale|gesch[äa]ft|laden|magasin|agence|succursale|r[ée]clamations?|service\s+client|winkel|"
    r"tienda|sucursal|oficina|negozio|loja|sede|"

    r"ombudsman|return (?:it|them|the (?:item|parcel|package|product|order|goods)s?) to|returns?\s+go(?:es)?\s+to|"
    r"returns?\s+(?:slip|label|form)\s+says|returns? (?:address|centre|"
    r"center|department|dept)|write to (?:us|our)|(?:customer|complaints|returns) (?:relations|team|department)|"
    r"based (?:at|in)|headquartered|registered office|head office|collection point|"
    r"pick-?up point|click and collect)\b")
# the first word of each of _BUSINESS_BEFORE's phrases ("pick-?up": "pick", "pickup"), for _may_match
_BUSINESS_BEFORE_GATE = frozenset(
    "store stores shop branch location outlet office offices hq headquarters warehouse showroom flagship restaurant "
    "cafe boutique mall dealership depot factory plant clinic salon hotel pharmacy station venue museum stadium campus "
    "studio gym bakery bar pub dealer franchise kiosk counter service repair open opens visit located find ltd inc llc "
    "plc gmbh limited corp complaints filiale geschaft laden magasin agence winkel tienda sucursal oficina negozio loja "
    "sede ombudsman return returns write customer based headquartered registered head collection pick pickup "
    "click surgery chapel terminal hospital funeral vet veterinary succursale réclamation réclamations reclamations".split())
# (not "visit": "our engineer will visit Flat 3, 27 Queen's Road" is the customer's)
_BUSINESS_AFTER = re.compile(
    r"(?i)[\s,]*(?:\(|-|–|—)?\s*(?:(?:is|are)\s+(?:\w+\s+)?(?:open|closed)\b|opens|closes|open\b|closed\b|"
    r"(?:(?:is|was)\s+(?:still\s+)?|still\s+)(?:our|your|their|the)\s+(?:[\w'-]+\s+){0,3}?(?:store|shop|branch|office|hq|"
    r"headquarters|warehouse|depot|address|location)|"
    # "— is that the store in the mall?", "is this your shop?" (not "is that your address?": the customer's)
    r"is\s+(?:that|this|it)\s+(?:our|your|their|the|a)\s+(?:[\w'-]+\s+){0,3}?(?:store|shop|branch|office|hq|"
    r"headquarters|warehouse|depot)|"
    r"store|shop|branch|location|outlet|office|hq|showroom|restaurant|cafe|café|boutique|mall|warehouse|depot|"
    r"clinic|salon|hotel|pharmacy|venue|studio|gym)\b")
_PLACE_BEFORE = re.compile(r"(?i)\b(?:at|near|outside|opposite|across from|next to|by|past|on)\s+(?:the\s+)?$")
_BUSINESS_PHONE_BEFORE = re.compile(
    r"(?i)\b(?:your|our|their|the company'?s)\s+(?:[\w-]+\s+){0,3}?(?:store|shop|branch|office|hotline|helpline|"
    r"help line|line|number|support|service|care|team|desk|switchboard|reception|website|site|app|hq|headquarters|"
    r"department|dept)\b[^.!?\n]{0,20}$")
# A reply that opens by greeting a person by name: its "your number" is that person's
_GREETED_PERSON = re.compile(
    r"(?:Hi|Hello|Hey|Dear|Good (?:morning|afternoon|evening))\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][\w'’-]+\s*[,!]")
_BUSINESS_PHONE_AFTER = re.compile(
    r"(?i)[\s,]*(?:\(\s*(?:press|sales|head|main|customer|support|billing)?\s*(?:office|team|line|desk|hq)\b|"
    # ("351 882 4410 (numero del locale)", "(número de la tienda)", "(Nummer der Filiale)": the venue's own)
    r"\(\s*(?:numero|número|numéro|nummer)\s+(?:del|de\s+la|du|der|van\s+de|do|da)\s+"
    r"(?:locale|ristorante|negozio|tienda|local|restaurante|restaurant|magasin|boutique|filiale|laden|winkel|loja)\b|"
    r"(?:really|actually)?\s*(?:is\s+)?(?:your|their|our)\s+(?:[\w-]+\s+){0,3}?(?:number|line|hotline|helpline)\b|"
    # what a call to it costs or when it is open: a line of a business ("; standard international rates apply")
    r"[^.!?\n]{0,25}?\b(?:rates?\s+apply|calls?\s+(?:cost|are\s+free|charged)|lines?\s+(?:are\s+)?open|"
    r"free\s+from\s+(?:landlines|mobiles)|per\s+min(?:ute)?)\b|"
    # ("+30 210 … από το εξωτερικό": the line for callers from abroad)
    r"\s*(?:\(\s*)?(?:from\s+(?:abroad|overseas)|aus\s+dem\s+ausland|depuis\s+l['’]étranger|desde\s+el\s+extranjero|"
    r"dall['’]estero|do\s+exterior|vanuit\s+het\s+buitenland|z\s+zagranicy|från\s+utlandet|fra\s+udlandet|"
    r"fra\s+utlandet|ze\s+zahraničí|din\s+străinătate|από\s+το\s+εξωτερικό|из-за\s+границы|з-за\s+кордону)\b)")
# "the Leeds store is on …", "the head office's number …": a business place named right before it
_BUSINESS_PLACE_PHONE = re.compile(
    r"(?i)\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:store|shop|branch|office|hotline|helpline|switchboard|"
    r"reception|hq|headquarters|department|dept|clinic|pharmacy|restaurant|hotel|salon|showroom|depot)(?:['’]s)?\b"
    r"[^.!?\n\d]{0,20}$"
    # "call free on", "llamar gratis al", "bel ons gratis op", "all our numbers … international lines like" ("call us
    # on" alone is not enough: a family writes it of their own number)
    r"|\b(?:free(?:phone)?|toll[- ]free|gratis|gratuit(?:ement)?|kostenlos|gratuito|gratuitamente)\b[^.!?\n\d]{0,12}$"
    # ("or from overseas +61 3 …", "calling from abroad? use …": the line for callers from abroad)
    r"|\bfrom\s+(?:overseas|abroad)\b[^.!\n\d]{0,10}$"
    # ("Send us a DM or call …")
    r"|\b(?:send|drop)\s+us\s+an?\s+(?:dm|message|pm)\s+or\s+(?:call|ring)\s*:?\s*$"
    # ("please report any such calls to …": the organisation's line for reports)
    r"|\breport\s+(?:any\s+|such\s+|these\s+|those\s+|this\s+|it\s+|them\s+|\w+\s+){0,3}?to\s*:?\s*$"
    # (Romanian "you find us at")
    r"|\bne\s+găsești\s+la\s*$"
    r"|\b(?:our|their|your)\s+(?:[\w-]+\s+){0,2}?(?:numbers|lines|hotlines)\b[^!?\n]{0,60}?"
    r"\b(?:like|such as|including|incl\.?|e\.g\.?)\s*:?\s*$"
    # "what's the number for your Manchester store? Google says …"
    r"|\bnumbers?\s+(?:for|of)\s+(?:your|the|their|this|that)\s+(?:[\w-]+\s+){0,3}?(?:store|shop|branch|office|"
    r"hq|headquarters|department|dept|clinic|pharmacy|restaurant|hotel|salon|showroom|depot)\b[^\n\d]{0,40}$"
    r"|\b(?:international|overseas|landline|local|direct|office|support|service|sales)\s+(?:lines?|numbers?)\s+"
    r"(?:like|such as|including|incl\.?|e\.g\.?|are|is)\s*:?\s*$")
# A business's or a public body's place in any language (privacy_cues.BUSINESS_PLACE_WORDS: "Filiale", "tienda",
# "butiken", "mağazamız" …), or a name with a legal form ("Volta Energie GmbH"), in the clause before a value
_BUSINESS_PLACE_ANY = _Cues(
    re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.BUSINESS_PLACE_WORDS, ['en'])}(?![\w-])"
               rf"|(?-i:\b[{_CAPITAL}][\w&'’.-]*\s+{cues.pattern(cues.LEGAL_FORMS)}(?![\w-]))"),
    re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.BUSINESS_PLACE_WORDS, cues.abroad(cues.BUSINESS_PLACE_WORDS))}"
               rf"(?![\w-])"),
    cues.gate(cues.BUSINESS_PLACE_WORDS, languages=cues.abroad(cues.BUSINESS_PLACE_WORDS)))
# An organisation speaking of itself in the clause before a number ("our consultants will never ask, not even on …",
# "unsere Beratung erreichen Sie …"): a first-person plural possessive (privacy_cues.OUR_WORDS) with no "you/your"
# after it (then the number is the one the customer will be called on)
_OUR_WORD = _Cues(re.compile(r"(?i)\bour\b"),
                  re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.OUR_WORDS, cues.abroad(cues.OUR_WORDS))}(?![\w-])"),
                  cues.gate(cues.OUR_WORDS, languages=cues.abroad(cues.OUR_WORDS)))
# Businesses that name their own line in the possessive (with BUSINESS_PLACE_WORDS' English ones)
_BUSINESS_NOUNS_EN = ("business", "company", "firm", "facility", "centre", "center", "restaurant", "bakery", "cafe", "café", "hotel", "salon",
                      "ship", "vessel", "venue", "school", "church", "airline", "airport", "station", "gym", "studio",
                      "practice", "surgery", "agency", "dentist", "garage", "theatre", "theater", "museum", "library")
# An organisation speaking of itself: "our" and one of its places or people ("Our Ilford surgery …", "our director
# Ellen …", "unser Team …", privacy_cues.OUR_WORDS, BUSINESS_PLACE_WORDS, STAFF_WORDS)
_ORGANISATION_VOICE = _Cues(
    re.compile(rf"(?i)\bour\s+(?:[\w'’&-]+\s+){{0,2}}?"
               rf"{cues.pattern({'en': cues.BUSINESS_PLACE_WORDS['en'] + cues.STAFF_WORDS['en']})}(?![\w-])"),
    re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.OUR_WORDS, cues.abroad(cues.OUR_WORDS))}\s+(?:[\w'’-]+\s+){{0,2}}?"
               rf"(?:{cues.pattern(cues.BUSINESS_PLACE_WORDS, cues.abroad(cues.BUSINESS_PLACE_WORDS))}|"
               rf"{cues.pattern(cues.STAFF_WORDS, cues.abroad(cues.STAFF_WORDS))})(?![\w-])"),
    cues.gate(cues.OUR_WORDS, languages=cues.abroad(cues.OUR_WORDS)), frozenset({"our"}))
# "reach us at", "ring us on", "call us at" (alone, a family's words too: an organisation's with its voice in the text)
_US_LINE_BEFORE = re.compile(r"(?i)\b(?:call|ring|reach|contact|phone|text|whatsapp)\s+us\b[^.!?\n\d]{0,15}$")
# "the ship's onboard number", "my bakery's number", "the clinic's landline": a business's line, by its possessive
_ADDRESS_THEN_LINE = re.compile(r"[\s,;:(–—-]{0,4}")  # (between a public address and its place's number)
# … or its label between them, "…, 80331 München, Tel. 089 …" (a landline: a mobile there may be the owner's)
_ADDRESS_THEN_LABEL = re.compile(
    r"[\s,;:(–—-]{0,4}(?i:tel|tél|phone|ph|telefon|telephone|téléphone|teléfono|telefono|tlf|puh|fon|t)\.?[\s:]{0,3}")
_BUSINESS_POSSESSIVE_LINE = re.compile(
    rf"(?i)(?<![\w-]){cues.pattern({'en': cues.BUSINESS_PLACE_WORDS['en'] + _BUSINESS_NOUNS_EN})}['’]s\s+"
    r"(?:[\w-]+\s+){0,2}?(?:number|line|phone|landline|hotline|helpline)\b[^.!?\n\d]{0,12}$")


# "our fraud team will call 415 …": the organisation calls the number (not "…; call 044 …", its own told to the reader)
_WILL_CALL = re.compile(r"(?i)\b(?:will|['’]ll|shall|going\s+to|to|would|can|may|is|are)\s+(?:\w+\s+)?"
                        r"(?:call|ring|phone|text|contact|reach|calling|ringing|texting)\b")


# An organisation's name signing a text at its end, after its last sentence ("… call us on 01423 770512. Oakhill
# Manor", "… Για επείγοντα καλέστε στο 210 …. Κτηνιατρείο Αθήνας", "Gemeente Utrecht"): one to five words, the first
# a capital's, one of them an organisation's word or a brand's inner capital ("MzansiPetSit")
_SIGNATURE_BREAK = re.compile(r"[.!?…)](?=\s)|\n|\s[-–—·]\s")
_SIGNATURE = re.compile(
    r"[\s\-–—~^]*(?P<name>(?:[^\W\d_][\w&'’.-]*)(?:,?[^\S\n]+(?:[\w&'’./()+-]+|[·|])){0,8})[\s.!]*")
_SIGNATURE_OPENING = re.compile(
    r"(?i)^(?:ihr|ihre|your|votre|vos|su|sus|il\s+tuo|terveisin|hilsen|mvh|groetjes\s+van|groet|groeten|"
    r"met\s+vriendelijke\s+groet|viele\s+grüße|grüße|beste\s+grüße|cordiali\s+saluti|saluti|saludos|cordialement|"
    r"atentamente|cumprimentos|atenciosamente|pozdrawiam|pozdrawiamy|s\s+pozdravem|üdvözlettel|φιλικά|kind\s+regards|"
    r"regards|best\s+regards|best|cheers|thanks|many\s+thanks|teşekkürler|saygılarımızla|hälsningar|"
    r"med\s+vänlig\s+hälsning|merci|bien\s+à\s+vous|obrigad[oa]|gracias|grazie|danke|un\s+saluto|un\s+abrazo|"
    r"abrazos|un\s+saludo|un\s+abraço|abraços|bises|bisous|a\s+presto|hasta\s+pronto)\s*[,!]?\s+")
_SIGNATURE_GREETING = re.compile(r"(?i)^(?:thanks|thank|cheers|best|regards|kind|warm|many|hi|hello|hey|bye|ok|"
                                 r"yes|no|sorry|please|see|talk|speak|love|xx?|ta)\b")
_ORGANISATION_NAME_WORDS = frozenset(w.lower() for ws in cues.BUSINESS_PLACE_WORDS.values() for w in ws
                                     if len(w) > 3) | frozenset(
    "dental dentistry manor library libraries council school academy college university nursery kita church "
    "surgery practice vets veterinary hospital clinic care support team service services bank insurance "
    "airlines airways energy water telecom group club centre center museum hotel hostel trust charity foundation "
    "fahrschule escola gemeente bürgeramt rathaus stadtverwaltung mairie ayuntamiento comune kommune municipality "
    "κτηνιατρείο δήμος autoescola autoescuela scuola driving hotels garage foodbank harriers ferries ferry "
    "airlines airways rail railway railways trains buses coaches tours travel hostels holidays union society "
    "cooperative co-op physio hire "
    "klinikum krankenhaus spital sairaala sjukhus sykehus hospitalet ospedale ziekenhuis szpital nemocnice kórház "
    "ajuntament ayuntamiento câmara camara primăria primaria mairie gemeente stad stadt kommun kunta városháza "
    "δευα services industriels asiakaspalvelu kundenservice kundendienst kundeservice kundtjänst klantenservice "
    "atendimento atención patientenverrechnung verwaltung buchhaltung klantenservice zespół obsługi sportello "
    "vakfı vakıf derneği εξυπηρέτησης ομάδα billing "
    "academia academie académie studio imprimerie fincas gestión gestion agence agencia agenzia immobiliare "
    "inmobiliaria lettings estates wholesale dairies printers secretaría secretaria secrétariat segreteria "
    "sekretariat administración amministrazione rewards pay payments brewing brewery associates dermatology "
    "trattoria ristorante restaurante equipo equipe équipe aerolíneas aerolineas énergie energía energia banca banco "
    "banque serwis pizzeria pizzería osteria taverna bodega marisquería cervecería".split())
# legal forms and clubs' letters as written ("Duna Vízmű Zrt.", "Halesowen Harriers AC"): not the words "as", "ab"
_LEGAL_FORM_WORDS = frozenset(w.strip(".") for ws in cues.LEGAL_FORMS.values() for w in ws if len(w) > 1) | frozenset(
    "Zrt Kft Nyrt Oy Oyj AB AS ASA GmbH AG Srl SRL Snc SAS SpA BV NV AC FC RFC RUFC RLFC AFC CIC".split())


def _signed_by_organisation(text: str) -> bool:
    """Whether the text ends with an organisation's name (_SIGNATURE): the organisation speaks in it."""
    return _organisation_signature_start(text) is not None


@functools.lru_cache(maxsize=4)  # (asked by the ids and by each contact detail's allowance of one text)
def _organisation_signature_start(text: str) -> int | None:
    """Where an organisation's signature at the end of the text starts (its name, then maybe its place, tax number
    or line: "– Holloway Hotels, Bath · 01225 448 910", "ΔΕΥΑ Καλαμάτας, ΑΦΜ 099715239"), or None."""
    text = text.rstrip()
    # (the last break first: the shortest tail that is a name)
    for end in reversed([m.end() for m in _SIGNATURE_BREAK.finditer(text, max(0, len(text) - 90))]):
        match = _SIGNATURE.fullmatch(text, end)
        if match is None:
            continue
        if _organisation_name(match.group("name")):
            return match.start("name")
        # (an agent's first name, then the organisation or their role in it: "– Ben, Koala Pay", "– Tom, owner")
        given, comma, rest = _SIGNATURE_OPENING.sub("", match.group("name")).partition(",")
        if comma and len(given.split()) == 1 and given[:1].isupper() and (
                _organisation_name(rest.strip(" .!")) or _OWNERS_ROLE.fullmatch(rest.strip(" .!"))):
            return match.start("name")
    return None


_OWNERS_ROLE = re.compile(r"(?i)(?:the\s+)?(?:owner|co-?owner|owners|founder|co-?founder|general\s+manager|manager|"
                          r"head\s+chef|chef|host|landlord\s+of\s+\S+|propriétaire|gérant|gérante|inhaber|inhaberin|"
                          r"dueño|dueña|propietario|propietaria|titolare|proprietário|proprietária|eigenaar)")


def _signature_name(segment: str) -> str:
    """The name in a signature's segment: without the closing word before it, nor its place, tax number or line after
    it ("Best, Cardiff & Vale Credit Union" → "Cardiff & Vale Credit Union", "Holloway Hotels, Bath · …" → "Holloway
    Hotels")."""
    return re.split(r",|\s[·|]\s", _SIGNATURE_OPENING.sub("", segment.strip()))[0].strip(" .!")


_TEAM_SIGNATURE = re.compile(r"(?i)^[ \t]*[-–—]?[ \t]*(?:equipa|equipe|équipe|l['’]équipe|team|the\s+\S+\s+team|equipo|"
                             r"el\s+equipo\s+de|das\s+team|il\s+team|ihr\s+team|het\s+team)\b")


def _in_signature_paragraph(text: str, start: int) -> bool:
    """A value in the text's last paragraph when that paragraph is an organisation's signature block: its first line
    an organisation's name or its team ("Equipa Ginásio Ponte Nova\nRua da Ponte Nova 88, …\n222 010 455 ·
    geral@…"), or a desk's mailbox at the organisation's own domain among its lines ("Owen Tran\nBilling Support,
    Quillstack\nbilling@quillstack.io · +1 415 800 3021\n548 Market St …"); no person's word in it."""
    cut = text.rfind("\n\n", 0, start)
    if cut < 0 or "\n\n" in text[start:].rstrip() or text.count("\n", cut + 2) > 7:
        return False
    block = text[cut + 2:]
    lines = [line for line in block.splitlines() if line.strip()]
    if len(lines) < 2 or _A_PERSONS_WORDS.search(block):
        return False
    # (its name on the first line, or the second after a closing word: "Sportivement,\nL'équipe Forme & Vous …")
    closing = _SIGN_OFF.fullmatch(lines[0]) is not None or lines[0].rstrip().endswith(",")
    for line in lines[:2] if closing else lines[:1]:
        name = _SIGNATURE_OPENING.sub("", line).strip().split(",")[0]
        if _TEAM_SIGNATURE.match(line) or _organisation_name(name) and not any(c.isdigit() for c in name):
            return True
    mailboxes = [canonical_email(m.group()).rpartition("@") for m in _EMAIL_PLAIN.finditer(block)]
    # (or a person's name, then their role at the organisation: "Rob Ellery\nJunior Membership Secretary, Hallam Park
    # RUFC\n07400 118 220 | juniors@…"; not when a line in it is the person's own, "janelle.ortiz.home@gmail.com",
    # "cell (559) …")
    role_line = lines[2 if closing else 1] if len(lines) > (2 if closing else 1) else ""
    employer = re.split(r"\s*[,|·•–—]\s*|\s+-\s+", role_line)[-1].strip() if re.search(r"[,|·•–—]|\s-\s", role_line) else ""
    if employer and not any(c.isdigit() for c in employer) and _organisation_name(employer) and \
            not _PERSONAL_LINE_WORDS.search(block) and not any(_at_mail_provider(domain) for _, _, domain in mailboxes):
        return True
    return any(is_role_mailbox(local) and not _at_mail_provider(domain) for local, _, domain in mailboxes)


_PERSONAL_LINE_WORDS = re.compile(r"(?i)\b(?:cell|personal|private|home|privat|perso|personnel|particular|casa)\b")


def _in_organisations_signature(text: str, start: int) -> bool:
    """A value inside the signature that ends the text ("– Holloway Hotels, Bath · 01225 448 910", "ΔΕΥΑ Καλαμάτας,
    ΑΦΜ 099715239"): the organisation's own, unless a person's word stands before it there ("– Acme Care, your mobile
    07700 …")."""
    signed_from = _organisation_signature_start(text)
    return signed_from is not None and start > signed_from and \
        _A_PERSONS_WORD_BETWEEN.search(text, signed_from, start) is None


def _organisation_name(name: str) -> bool:
    """A name that is an organisation's: capitalised, not a greeting, with an organisation's word or a brand's inner
    capital ("Oakhill Manor", "Gemeente Utrecht", "MzansiPetSit"; not "Thanks", "Tom Baker"); it may follow a
    possessive or a closing word ("Ihr Klinikum Nordhafen", "Terveisin asiakaspalvelu") and be followed by its place,
    its tax number or its line ("City Care Hospital, Pune", "Ajuntament de Sant Feliu, NIF P0821305J")."""
    opened = _SIGNATURE_OPENING.match(name) is not None
    name = _signature_name(name)
    words = name.split()
    # (capitalised unless after a closing word, "Terveisin asiakaspalvelu"; a name, not a sentence: no number alone)
    if not words or len(words) > 6 or not (opened or name[:1].isupper()) or _SIGNATURE_GREETING.match(name) or \
            any(word.isdigit() for word in words):
        return False
    if words[0].lower().strip(".,:") in _ID_GATE_WORDS and \
            not any(word.lower().strip(".,'’") in _ORGANISATION_NAME_WORDS for word in words):
        return False  # "PhilSys no 4829-… typed correctly": an id's name, its inner capital no brand's
    if any(word.strip(".,") in _LEGAL_FORM_WORDS for word in words):
        return True
    # (a brand's inner capital, not a surname's: "McAllister", "MacLeod", "DiMaggio", "VanDyke")
    return any(word.lower().strip(".,'’") in _ORGANISATION_NAME_WORDS for word in words) or \
        any(re.search(r"[a-z][A-Z]", word) is not None and _SURNAME_PREFIX.match(word) is None for word in words)


_SURNAME_PREFIX = re.compile(r"(?:Mc|Mac|Fitz|De|Da|Di|Du|Le|La|Van|Von|O)[A-Z][a-z'’-]+$")


# A detail named as the writer's or the reader's anywhere in the text ("my account", "your new number", "Ihre
# Adresse", "mon numéro", "tu dirección"): a text that has one gives a person's details, not only an organisation's
_SOMEONES_DETAIL = re.compile(
    r"(?i)\b(?:my|your|mein\w*|dein\w*|ihr\w*|mon|ma|mes|ton|ta|tes|votre|vos|mi|mis|tu|tus|su|sus|mio|mia|miei|"
    r"tuo|tua|vostr[oa]|meu|minha|seu|sua|teu|tua|mijn|jouw|uw|mój|moja|moje|twój|twoja|mitt|min|mina|ditt|din|dina|"
    r"minun|sinun|benim|senin|μου|σου|saya|anda)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:accounts?|acc|acct|iban|card|number|no|phone|mobile|cell|line|e-?mail|mail|address|home|flat|house|details|"
    r"contact|konto|kontonummer|nummer|handynummer|telefonnummer|adresse|anschrift|compte|numéro|portable|courriel|"
    r"cuenta|número|numero|móvil|movil|dirección|direccion|correo|conto|cellulare|indirizzo|conta|telemóvel|celular|"
    r"endereço|rekening|telefoonnummer|adres|rachunek|numer|telefon|adres|kontot|telefonnummer|adressen|"
    r"tilinumero|puhelinnumero|osoite|hesap|numaram|adresim|λογαριασμός|τηλέφωνο|διεύθυνση|rekening|nomor|alamat)\b")
# Right after the value, in the reply that confirms it: it is now on the customer's record ("… is now on the account",
# "… saved on the booking", "we've updated it")
_ON_RECORD_AFTER = re.compile(
    r"(?i)[^.!?\n]{0,60}?\b(?:on\s+(?:the|your)\s+(?:account|file|booking|record|profile|order)|on\s+file|"
    r"(?:updated|changed|saved|added|registered|recorded|linked|verified|confirmed)\b)")
# After the value, in its sentence or the next short one: a question ("… is that still right?", "Ist das echt?",
# "Scam?", "… é mesmo da Câmara?")
# a question's end besides "?" and "？": the Greek question mark (and ";" for it), Thai question particles
_QUESTION_ENDINGS = (";", "\u037e", "ไหม", "มั้ย", "หรือเปล่า", "หรือไม่")
_QUESTION_AFTER = re.compile(rf"[^.!?\n]{{0,120}}(?:[?？]|(?:{'|'.join(_QUESTION_ENDINGS)})\s*$)"
                             r"|[^.!?\n]{0,120}[.!]\s+[^.!?\n]{0,40}[?？]")


def _organisations_by_setting(text: str, finding: Finding) -> str | None:
    """A number or account in a text about an organisation's own, by the text's setting: a post to an organisation's
    handle asking whether it is genuine, still right, or theirs ("@CamaraDeVilaVerde O IBAN PT11 … que vem na carta
    é mesmo da Câmara?", "@StJudeMercyHosp Is 317-962-4410 the medical records fax or the main line?"); or a reply the
    organisation signs that gives its own line ("Main line is 01482 771 309 … – Ridgeway Garage") or the account to
    pay it ("subs go to GB62 …, Halesowen Harriers AC"). Never when the text names someone's own detail ("my account",
    "your number"), labels this one as someone's, records it on a customer's file, or pays a refund to it."""
    if finding.kind not in ("phone", "iban", "bank_account"):
        return None
    if _SOMEONES_DETAIL.search(text) or _owned(text, finding.start, finding.end) or \
            _MINE_AFTER.match(text, finding.end) or _ON_RECORD_AFTER.match(text, finding.end) or \
            _calls_a_person(text) or _WILL_CALL.search(text, _clause_before(text, finding.start, 90),
                                                             finding.start):
        return None
    account = finding.kind in ("iban", "bank_account")
    if account and (_ACCOUNT_OWNER.search(text) or _FROM_ACCOUNT_BEFORE.search(text, max(0, finding.start - 30),
                                                                             finding.start)):
        return None  # ("… refund to …", "the deposit arrived from account …": the customer's)
    if account and _WE_PAY.search(text, _clause_before(text, finding.start, 120), finding.start):
        return None  # ("we'll pay the claim into account …": the organisation pays the customer)
    stop = _SENTENCE_END.search(text, finding.end)
    sentence = (_clause_before(text, finding.start, 120), stop.start() if stop else len(text))
    # what the value is for: paying the organisation (an account), or its kind of line (a number)
    organisations = (_PAID_TO_BEFORE.search(text, sentence[0], finding.start) or
                     _PAID_FOR_AFTER.search(text, finding.end, sentence[1])) if account else \
        _ORGANISATION_LINE_NOUN.search(text, max(0, finding.start - 40), finding.start)
    question = _QUESTION_AFTER.match(text, finding.end) if text.startswith("@") else None
    if question is not None and (_GENUINE_ASKED.search(question.group()) or organisations or
                                 _ORG_NAMED_IN_QUESTION.search(question.group())):
        return "allow.asked_of_organisation"
    if _signed_by_organisation(text) and organisations:
        return "allow.signed_by_organisation"
    return None


# A question whether a detail is genuine, still right, or the organisation's ("is that really you", "still the number",
# "the main line", "Ist das echt", "é mesmo da Câmara", "Ez tényleg", "Seid ihr das", "Scam?")
_ORG_NAMED_IN_QUESTION = re.compile(r"\bthe\s+[A-Z][\w&]*\s+(?:number|line|account|mailbox|address)\b")
_GENUINE_ASKED = re.compile(
    r"(?i)\b(?:really|actually|genuine|legit|legitimate|real|official|yours|scam|fake|dodgy|main\s+line|"
    r"still\s+(?:the|your|valid|right|correct|in\s+use|current)|your\s+(?:number|account|line|mailbox|customer\s+\w+)|"
    r"na\s+pewno|όντως|πράγματι|riktig\w*|äkta|c['’]est\s+bien|bien\s+(?:un|une|le|la)|es\s+(?:la|el)\s+de|"
    r"hesab[ıi]\s+m[ıi]|numaras[ıi]\s+m[ıi]|"
    r"fax|that\s+you|this\s+you|it\s+you|echt|wirklich|ihr\s+das|sie\s+das|noch\s+aktuell|vraiment|bien\s+(?:le|la)\s+"
    r"v[ôo]tre|mesmo|realmente|de\s+verdad|davvero|veramente|tényleg|valóban|echt|nog\s+steeds|klopt\s+dat|"
    r"naprawdę|verkligen|virkelig|todella|gerçekten|sizin|într-adevăr|oficial|ufficiale|offiziell|officiel|"
    # (Romanian "from you", Russian and Ukrainian "your number", "really"; Hebrew "yours", "really"; Czech "really")
    r"de\s+la\s+voi|al\s+vostru|ваш\s+номер|ваш|действительно|справді|дійсно|שלכם|באמת|opravdu|váš|"
    # (Spanish "yours", "the correct account")
    r"de\s+ustedes|suyo|suya|(?:the\s+)?(?:correct|right)\s+(?:account|number|line))\b"
    # (Thai "really", Chinese "really", "yours", "official": inside runs of letters)
    r"|จริงไหม|จริงมั้ย|ของจริง|真的|是你们的|是你們的|官方")
# What names an organisation's own line before the number ("Main line is", "Office line", "Helpline", "the workshop
# mobile", "le piquet", "Notdienst", "τηλέφωνο βλαβών")
_ORGANISATION_LINE_NOUN = re.compile(
    r"(?i)(?:\b(?:main|office|direct|workshop|reception|emergency|fault|faults|out[- ]of[- ]hours|after[- ]hours|"
    r"booking|bookings|help|support|enquiries|enquiry|customer|service|duty|on[- ]call)\s*(?:line|number|phone|mobile|"
    r"no\.?|desk)|\bbusiness\s+whats\s?app|\b(?:helpline|hotline|switchboard|piquet|permanence|notdienst|bereitschaft|"
    r"hibabejelentő|βλαβών|"
    r"päivystys\w*))\b[^.!?\n\d]{0,30}$")
# Before an account: what is paid to the organisation by it ("subs go to", "Überweisungen an das LKH … gehen auf",
# "the IBAN for the waste tax is", "pentru impozite")
_PAID_TO_BEFORE = re.compile(
    r"(?i)\b(?:subs|subscriptions?|fees?|payments?|pay|paying|transfers?|rent|dues|tax|taxes|taxa|impozit\w*|"
    r"überweisungen|zahlungen|gebühren|beitr[äa]ge|paiements?|virements?|pagos?|pagamentos?|betalingen|płatności|"
    r"laskun|invoice|bill|pagar|plata|tari|imu|tributi|fund|donations?|bağış\w*|spenden?|dons?|donativos?)\b")
_WE_PAY = re.compile(r"(?i)\b(?:we|we['’]ll|we['’]ve|will|wir|nous|vamos|vi)\s+(?:\w+\s+)?(?:pay|paid|send|sent|transfer\w*|"
                     r"refund\w*|credit\w*|überweisen|zahlen|virer|versons|pagar|betalen)\b")
# After an account: what it is for, a tax or a fee ("contul RO26 … este corect pentru impozite")
_PAID_FOR_AFTER = re.compile(r"(?i)\b(?:tax|taxes|taxa|impozit\w*|fees?|subs|dues|tari|tributi|gebühren|steuern)\b")
# ("paid by bank transfer from sort code 09-01-28 acc 37712604": the payer's sort code and account)
_FROM_ACCOUNT_BEFORE = re.compile(r"(?i)\bfrom\s+(?:the\s+|my\s+)?(?:account|acc|iban)?\s*:?\s*$|"
                                  r"\bfrom\s+(?:my\s+)?sort\s+code\s+(?:[\d-]+\s*,?\s*(?:acc|account|a/c)\s*(?:no\.?)?\s*:?\s*)?$")


_AS_BUSINESS_AFTER = re.compile(
    r"(?i)\s*,?\s*(?:(?:as|is)\s+(?:(?:the|your|their|our|its)\s+)?|(?:your|their|the)\s+)(?:head\s+office|"
    r"registered\s+office|headquarters|hq|"
    r"main\s+office|store|shop|branch|returns?\s+(?:centre|center|address|depot))\b")
_REGISTERED_ADDRESS_BEFORE = re.compile(r"(?i)\bregistered\s+(?:office|address)\b[^.!?\n\d]{0,40}$")
# An organisation's name and a comma right before an address that ends the text: its signature with its address
# ("… MetroPet ER, 1450 N Clark St")
_SIGNATURE_BEFORE_ADDRESS = re.compile(
    r"(?:[.!?…)]|\n|^)[\s\-–—~^]*(?P<name>[^\W\d_][\w&'’.-]*(?:[^\S\n]+[\w&'’.-]+){0,4}),[^\S\n]*$")


# In an organisation's signed text: the reader told to call a number ("call us on", "WhatsApp us on", "καλέστε στο",
# "appelez le"), not "call you on"
_CALL_THIS_LINE = re.compile(
    r"(?i)\b(?:(?:call|ring|phone|dial|whats\s?app)(?:\s+us)?|(?:text|contact|reach)\s+us)(?:\s+(?:on|at|in))?\s*:?\s*$|"
    r"(?:καλέστε|τηλεφωνήστε)(?:\s+στο)?\s*$|\b(?:appelez|contactez|utilisez|utiliser|composez|composer)(?:[- ]nous)?"
    r"(?:\s+(?:le|au))?\s*$|"
    r"\b(?:llame|llamen|llámenos|llamanos|chiamate|chiami|chiamaci|ligue|liga|bel|bellen|rufen\s+sie\s+(?:uns\s+)?unter|"
    r"zadzwoń|ring)(?:\s+(?:al|a|para|o|op|naar|pod))?\s*$")


# "We have 2217 N Halsted St Apt 3R … and a contact # of (312) …. Is that right?": details an organisation holds,
# read back for the reader to confirm, are the reader's, however much they look like a place's contact block
_READ_BACK = re.compile(r"(?i)\b(?:we\s+have|we['’]ve\s+got|we\s+hold|on\s+file|our\s+records\s+show|our\s+\w+\s+has|"
                        r"we['’]ve\s+(?:updated|corrected|changed)|(?:updated|corrected|changed)\s+(?:it\s+)?to)\b")
_CONFIRM_ASKED = re.compile(r"(?i)\b(?:is\s+(?:that|this|it)\s+(?:still\s+)?(?:right|correct|ok)|does\s+(?:that|this)\s+"
                            r"look\s+(?:right|correct|ok)|can\s+you\s+confirm|please\s+confirm|still\s+correct)\b")


def _read_back(text: str, start: int) -> bool:
    return _READ_BACK.search(text, 0, start) is not None and _CONFIRM_ASKED.search(text, start) is not None


def _organisation_voice(text: str, start: int) -> bool:
    """The number follows an organisation speaking of itself ("Our Chennai office is at Anna Salai; call …", "Our
    tax office has moved … Same phone: …") within 250 characters, with no one else's words between ("you", "my" …),
    or follows "reach us at" in a text where an organisation speaks ("… our director Ellen will call you today. You
    can also reach us at …")."""
    begin = max(0, start - 250)
    voices = [m.end() for m in _ORGANISATION_VOICE.finditer(text, begin, start)]
    if not voices or _read_back(text, start):
        return False
    if _US_LINE_BEFORE.search(text, max(0, start - 40), start):
        return True
    return _SECOND_PERSON.search(text, voices[-1], start) is None and \
        _calls_a_person(text, voices[-1], start) is None and _WILL_CALL.search(text, voices[-1], start) is None


# The writer's own or their home, anywhere in the clause: "send it home, not to the store: …", "mi casa"
# A parcel or an order right after a possessive: the writer's parcel, not their home ("my parcel", "mon colis")
_PARCEL_AFTER = re.compile(r"(?i)\s+(?:parcel|package|order|delivery|colis|commande|paquete|pedido|pacco|ordine|pacote|"
                           r"encomenda|pakket|pakje|bestelling|paket|sendung|bestellung|paczka)\b")
_WRITERS_HOME = re.compile(
    r"(?i)\b(?:my|mine|home|mein|meine|meinem|meiner|zuhause|daheim|hause|ma|mon|chez moi|mi|mis|casa|mio|mia|"
    r"meu|minha|mijn|thuis|huis|mój|moja|moje|mojego|domu|min|mitt|mina|hjemme|hemma|hjem|minun|kotona|kotiin|"
    r"benim|evde|evim|evime)\b")
_SECOND_PERSON = re.compile(
    r"(?i)\b(?:you|your|yours|vous|votre|vos|te|ton|ta|tes|ihr|ihre|ihren|ihrem|dein|deine|dich|dir|tu|tus|su|sus|"
    # ("du" before a number is French's "of the": "le point relais du 14 rue Gambetta")
    r"usted|ti|tuo|tua|você|seu|sua|je|jouw|uw|u|twój|twoja|twoje|pan|pani|ciebie|din|ditt|dina|dig|du(?!\s+\d|\s*$)|sinun|"
    r"sinua|teidän|senin|sizin|sizi|seni|me|my|mi|mein|meine|ma|mon|mes|mio|mia|meu|minha|mijn|mój|moja|moje|"
    r"min|mitt|mine|minun|benim|i)\b|" + _WRITERS_HOME.pattern[4:])
# A fraud warning around a number: the number is the scammer's, quoted so that others do not call it
# (privacy_cues.SCAM_WORDS: "scam", "Betrug", "arnaque", "estafa", "truffa", "golpe", "oplichting", "svindel" …)
# An organisation's own PIN named so ("our company PIN for invoices is …", Kenya's KRA PIN): a tax number, public
_COMPANY_BEFORE = re.compile(r"(?i)\b(?:company|company['’]s|business|firm['’]?s?|kra)\s+$")
# A number said to keep calling or texting the writer: a caller's, reported ("this 0803… number keeps calling")
_KEEPS_CALLING_AFTER = re.compile(r"(?i)[^\S\n]*(?:number[^\S\n]+)?(?:keeps|kept|has\s+been|is|was)[^\S\n]+"
                                  r"(?:calling|texting|ringing|messaging|spamming|harassing)\b")
_SCAM_WORD = _Cues(
    re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.SCAM_WORDS, ['en'])}(?![\w-])"),
    re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.SCAM_WORDS, cues.spaced_abroad(cues.SCAM_WORDS))}(?![\w-])"),
    cues.gate(cues.SCAM_WORDS, languages=cues.spaced_abroad(cues.SCAM_WORDS)), unspaced=_unspaced_phrases(cues.SCAM_WORDS))
# A number written as a business writes it: its opening hours next to it ("answers only from 9 to 18", "dalle 9 alle
# 18", "Mo–Fr", "10:00–22:00", "lines open", "Öffnungszeiten") or an extension ("ext. 214", "Durchwahl", "poste")
_BUSINESS_HOURS = re.compile(
    r"(?i)(?:\b(?:from|dalle|dal|von|de|des|van|od|fra|från|kl\.?|klo|saat)\s+\d{1,2}(?:[:.h]\d{2})?\s*(?:h|uhr|am|pm)?"
    r"\s*(?:-|–|—|to|till|until|alle|bis|à|a|tot|do|til|ja)\s*\d{1,2}(?:[:.h]\d{2})?(?:h|uhr|am|pm)?\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:-|–|—)\s*\d{1,2}[:.]\d{2}\b"
    r"|\b(?:mo|mon|monday|lun|lunes|lunedì|lundi|montag|ma|maandag|seg|pon|pn|må|man|mandag|maanantai|pzt|pazartesi)"
    r"\.?\s*(?:-|–|—|to|a|à|al|bis|t/m|tot|do|till|til)\s*(?:fr|fri|friday|ven|vendredi|venerdì|vie|viernes|sex|"
    r"freitag|vr|vrijdag|pt|piątek|fre|fredag|pe|perjantai|cum|cuma|sat|saturday|sa|sam|sáb|sab|za|sob|soboty|lör|"
    r"lø|la|cmt)\b"
    # "7am–7pm", "9am to 5.30pm", "weekdays", "24/7"
    r"|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\s*(?:-|–|—|to|till|until)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b"
    r"|\b(?:weekdays|weekends|24/7|24 hours a day|seven days a week)\b"
    r"|\b24\s?h\s?/\s?24\b|\b7\s?j\s?/\s?7\b|\brund\s+um\s+die\s+uhr\b|\b24\s+horas\b|\béjjel-nappal\b|όλο\s+το\s+24ωρο"
    r"|\bnon-?stop\b|ตลอด\s*24\s*(?:ชม|ชั่วโมง)|24\s*小[时時]"
    # ("Mon, Tue, Thu or Fri 8–5", "Mon–Thu 9–4": weekdays, then a range of hours without their units)
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b[^.!?\n\d]{0,30}\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?"
    r"\s*[-–]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?(?![\d:.])"
    r"|\blines?\s+(?:are\s+)?open\b|\bopening\s+hours\b|öffnungszeiten|\bhoraires?\b|\bhorario\b|\borari\b|"
    r"openingstijden|godziny\s+otwarcia|öppettider|åbningstider|åpningstider|aukioloajat|çalışma\s+saatleri|"
    r"\b(?:ext|extn|ext\.|durchwahl|poste|int\.|interno|toestel|wew\.|anknytning|lokalnr|dahili)\s*:?\s*\d)")


# A fraud in the sentence, then people asked to pay to an account: "fake letterhead asking people to pay a
# 'settlement' to sort code …" (not "refund to my account": the writer's)
# (or someone posing as the organisation: "someone claiming to be your agent asked me to send money to account …")
# (or someone else asking people to pay: "Someone on Facebook Marketplace is selling … and asking people to pay into
# account …")
_PAY_THE_SCAM_TO = re.compile(r"(?i)\b(?:fake|scam\w*|fraud\w*|bogus|phishing|claim(?:ing|ed|s)\s+to\s+be|"
                              r"pretending\s+to\s+be|posing\s+as|impersonating|someone|somebody)\b[^.!?\n]{0,100}?"
                              r"\bask(?:ing|ed)\s+"
                              r"(?:people|you|me|us|customers|everyone)\s+to\s+(?:pay|send|transfer)\b[^.!?\n]{0,50}?"
                              r"\b(?:in)?to\s+(?:(?:sort\s+code|account)\s*:?\s*[\d -]*,?\s*)*(?:account\s*:?\s*)?$")
# What a short code follows: "report it to 7726", "text STOP to 88022" (the number is the service's, no secret)
_ENDING_BEFORE = re.compile(r"(?i)\bending(?:\s+(?:in|with))?\s*:?\s*$")
# (or a keyword in capitals: "texting RESET to 443")
_SENT_TO_BEFORE = re.compile(r"(?i)\b(?:report|forward|send|text|sms|reply|message)(?:s|ed|ing)?\b(?:\s+(?:it|this|"
                             r"that|them|us|stop|help|(?-i:[A-Z]{2,12})|the\s+(?:text|message|sms|number)))?\s+to\s*:?\s*$")
# A prepaid electricity token: twenty digits in fives of four after "token" ("bought a token R200 … 4718 2293 0571
# 6648 3920"), what the meter is keyed with
_METER_TOKEN = re.compile(r"(?i)\btokens?\b[^.!?\n]{0,60}?(?<![\d-])(?P<value>\d{4}(?:[ -]\d{4}){4})(?![\d-])")
# Secrets given in passing: a buzzer's code of letters, digits and "*" ("the driver has
# buzzer code 2F*1190"), a login and its password joined by "with" ("Login mike_p with sunfl0wer23"), a PIN followed
# by "my" in the writer's language ("PIN ATM saya 130594", "mpin ko 4829"), a seed phrase of 12 to 24 plain words
_BUZZER_CODE = re.compile(r"(?i)\b(?:buzzer|buzz|intercom|entry\s+phone)\s+(?:code|number|no\.?)\s*(?:is\s+|:\s*)?"
                          r"(?P<value>(?=[^\s]*\d)[A-Za-z0-9*#]{3,12})(?![\w*#])")
_LOGIN_WITH = re.compile(r"(?i)\blog\s?in\s+(?:as\s+)?(?P<user>[\w.+-]{3,40})\s+(?:with|w/|using)\s+"
                         r"(?:(?:the\s+)?password\s+)?(?P<value>[^\s,;()]{6,40}?)(?=[\s,;()]|[.!?](?:\s|$)|$)")
_PIN_THEN_MY = re.compile(r"(?i)\b(?:m-?pin|pin(?:\s+atm)?|atm\s+pin)\s+(?:ko|ku|saya|aku|ya|mine|mio|meu|mein|mon)\s+"
                          r"(?:(?:ay|ni|ni\s+ay|adalah|is|é|ist)\s+)?(?P<value>\d{4,6})(?![\d-])")
_SEED_PHRASE = re.compile(r"(?i)\b(?:seed(?:\s+phrase)?|recovery\s+phrase|mnemonic|backup\s+phrase|(?:12|24)[- ]word\s+phrase)"
                          r"\b[^.!?\n:]{0,30}?[:\-–—]\s*(?P<value>[a-z]{3,8}(?:[ ,]+[a-z]{3,8}){11,23})\b")
# A PIN or password asked for, then given: "the woman asked for her PIN. Nan gave it: 6092"
_GAVE_IT = re.compile(r"(?i)\b(?:gave|told|read|typed|sent)\s+(?:it|him|her|them|that)(?:\s+to\s+(?:him|her|them))?"
                      r"\s*(?::|\bwas\b|\bas\b)?\s*(?P<value>[^\s\"'“”]{4,40})")
_PIN_OR_PASSWORD = re.compile(r"(?i)\b(?:pin|pin number|password|passcode|pass code|pw|passwort|mot de passe|"
                              r"contraseña)\b")
# (each pattern above starts with one of these words; _GAVE_IT with its verbs)
_IN_PASSING_GATE = frozenset({"buzzer", "buzz", "intercom", "entry", "login", "log", "pin", "mpin", "m-pin", "atm",
                              "seed", "recovery", "mnemonic", "backup", "phrase", "gave", "told", "read", "typed",
                              "sent"})
# A password given by what it is used as: "use Finch-7741-Air as a one-off password", "enter X as your new PIN"
_USED_AS_SECRET = re.compile(
    r"(?i)\b(?:use|enter|type|try|put in|log in with|sign in with|(?:sent|gave|texted|messaged|emailed)\s+(?:me|us|you))"
    r"\s+[\"'“‘]?(?P<value>[^\s\"'“”‘’]{5,40}?|\d{4}|\d{3} \d{3}|\d{2} \d{2} \d{2})[\"'”’]?"
    r"\s+as\s+(?:a|an|your|the|my)\s+(?:(?:new|temporary|temp|one-off|one-time|onetime|single-use|initial|first|"
    r"login|log-in|sign-in|verification|security)\s+)*(?:password|passcode|pin|pass code|login code|code|otp)\b")
_USED_AS_GATE = frozenset({"password", "passcode", "pin", "pass", "code", "otp"})
_THE_ANSWER_IS = re.compile(
    r"(?i)\bthe\s+(?:(?:security|memorable)\s+)?answer(?:['’]s|s?\s+(?:is|was|are|were)|"
    r"\s+(?:they|you|it|we)(?:['’]ll|\s+will)\s+(?:want|need|ask\s+for|expect)\s+is)"
    r"\s+(?-i:(?P<value>[A-Z][a-z'’-]{2,30}))\b|"
    # (or the value it was set to: "reset the security question for you, answer's set to moosejaw1974")
    r"\banswer(?:['’]s|\s+(?:is|was|has\s+been))\s+(?:now\s+)?(?:set|changed|updated)\s+to\s+"
    r"(?P<set_to>[^\s,;!?]{4,40}?)[.,;:!?]*(?!\S)|"
    # (or quoted after the verb: "we've updated the recovery answer to 'grandma's lemon tree'")
    r"\b(?:set|changed|updated|reset)\s+(?:the|your)\s+(?:(?:security|recovery|memorable|secret)\s+)?answer\s+to\s+"
    r"['\"“‘](?P<quoted>[^\"“”\n]{3,40}?)['\"”’](?=[\s,.;!?]|$)|"
    # (or set off by commas after it: "the security answer you gave us, Bubbles the hamster, matched")
    r"\b(?:security|memorable)\s+(?:answer|word)\b[^,.!?\n\d]{0,30},\s*"
    r"(?-i:(?P<set_off>[A-Z][a-z'’-]{2,30}(?:\s+[a-z'’-]{2,12}){0,3})),")
_SECURITY_QUESTION_TOPIC = re.compile(r"(?i)\b(?:security|memorable|recovery\s+(?:answer|question)|first\s+pet|pet['’]s\s+name|dog['’]s\s+name|"
                                      r"cat['’]s\s+name|maiden|locked\s+out|doesn['’]t\s+match|verification\s+question)")
_NOT_A_NAMED_ANSWER = _NOT_AN_ANSWER | _WEAK_VALUES | frozenset(
    "yes no not none nothing simple easy unfortunately probably maybe always never sadly there this that it we you they "
    "because still pretty definitely obviously sure".split())
# Digits, then "as the code" in another language ("7714 22 come codice del locker", "4471 como código", "5521 als Code")
_VALUE_AS_ITS_CODE = re.compile(
    r"(?i)(?<![\w.,/-])(?P<value>\d{4,8}|\d{2,4}(?: \d{2,4}){1,2})\s+(?:come|como|comme|als|jako|som)\s+"
    r"(?:(?:il|el|le|o|den|der|die|das|de)\s+)?(?:codice|c[óo]digo|code|kod(?:[eu]n?)?|pin)\b")
_AS_ITS_CODE_GATE = frozenset({"come", "como", "comme", "als", "jako", "som"})
# (a code used as one is digits: "use SUMMER25 as the code at checkout" is a promotion's)
_CODE_DIGITS_ONLY = re.compile(_CODE_DIGITS)
# A code named before a place and given after it ("the alarm code at <address> is 5071", "keybox at the flat,
# <address>, Porto: 1 9 4 7"): _codes_past_a_place
_CODE_BEFORE_PLACE = re.compile(
    r"(?i)\b(?:(?:alarm|door|gate|entry|access|building|garage|front door|keypad|lock|padlock)\s+(?:code|pin|combo|"
    r"combination)|key\s?safe|key\s?box|lock\s?box|keypad)(?:\s+(?:code|pin|combo|combination))?"
    r"\s+(?:at|for|of|on|to)\b[^.!?\n\d]{0,30}$")
_CODE_AFTER_PLACE = re.compile(
    r"(?:\s*,\s*[^\W\d][^\d,.!?\n:]{0,25})?\s*(?:(?:is|was|is now|now opens with|opens with)\b|:|=)\s*"
    r"(?P<value>\d(?: \d){3,7}(?! \d)|\d{4,8})(?![\w-]|[.,]\d)")
_PLACE_CODE_GATE = frozenset({"code", "pin", "combo", "combination", "keybox", "keysafe", "lockbox", "keypad", "key",
                              "lock"})


def _codes_past_a_place(text: str, places: list[Finding]) -> list[Finding]:
    found = []
    for place in places:
        after = _CODE_AFTER_PLACE.match(text, place.end)
        if after and _CODE_BEFORE_PLACE.search(text, max(0, place.start - 60), place.start):
            found.append(Finding("secret", *after.span("value"), 0.85, "code", rule="secret.code_past_a_place"))
    return found


# A line offered as the other way to do something online: "apply online at … or call …", "agenda en sat.gob.mx o llama
# al …", "sur le site … ou appelez le …", "visit any of our branches or call …" (an organisation's: a person is not
# reached "online or by phone")
_ONLINE_OR_CALL = re.compile(
    r"(?i)(?:\b(?:online|website|web\s?site|web|site|app|page|portal|en\s+l[ií]nea|sitio|p[aá]gina|internet|"
    r"site\s+web|webseite|sito|branch|branches|store|stores)\b|(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?(?=[\s,]))[^.!?\n@]{0,60}?"
    r"\b(?:or|o|ou|oder|of)\s+(?:by\s+)?(?:call|ring|phone|calling|ringing|llam(?:ar|a|e|en|ando)|"
    r"appel(?:er|ez|le)|anrufen|ligar|lig(?:ue|ando)|chiam(?:are|a|ate)|bel(?:len)?)\b"
    r"(?:\s+(?:us|nos|nous|uns|ci))?(?:\s+(?:on|at|al|a|le|au|unter|para|pelo|allo|al\s+numero|op))?\s*:?\s*$")
# ("call 0860 112 947 or bring your ID to any store": the line offered beside the organisation's stores)
_OR_VISIT_A_STORE_AFTER = re.compile(r"(?i)[\s,]*or\s+(?:(?:bring|take|visit|pop\s+in(?:to)?|come\s+in(?:to)?|go\s+to|"
                                     r"drop\s+(?:in|by))\b[^.!?\n]{0,40}\b(?:any|a|your\s+nearest|one\s+of\s+our|our)\s+"
                                     r"(?:store|branch|shop|office|outlet)s?\b|"
                                     # ("… call (032) 888 1234 or our mobile desk 0917 …": another of the firm's lines)
                                     r"(?:call\s+)?our\s+(?:\w+\s+)?(?:desk|line|hotline|office|number))")
_WHO_IS_BEFORE = re.compile(r"(?i)\b(?:who|what|whose)(?:\s+is|['’]s)\s+(?:this\s+)?['’\"“]?$")
_OR_WRITE_TO = re.compile(r"(?i)\s*,?\s*(?:or|o|ou|oder|of)\s+(?:(?:send|drop)\s+(?:us\s+)?an?\s+(?:e-?)?mail|write|e-?mail|"
                          r"mail|message|escr[ií]b\w*|écri\w*|"
                          r"schreib\w*|mailen|e-?mailen|schrijven)(?:\s+(?:to|us|us\s+at|at|a|à|an|uns|naar))?\s*:?\s*|"
                          # (or "or at" alone before the mailbox: "… 0256 486 931 sau pe programari@…", "ou par mail à")
                          r"\s*,?\s*(?:sau|or|ou|o|oder|of|lub)\s+(?:pe|la|at|par\s+mail\s+à|por\s+correo\s+a|"
                          r"per\s+e-?mail\s+(?:an|a)|via|na)\s*:?\s*")
# "our team will call you on …", "te llamaremos al …", "wir rufen Sie … unter": the number to be called
# Before a number: the writer called it, or a line named so ("rang the lost property line on 020 …", "I called
# 0800 … twice", "J'ai appelé le 09 74 …", "llamé al …", "ho chiamato il …", "liguei para o …"); not "we called
# you", "they rang me" (no person between the verb and the number)
_WRITER_CALLED_IT = re.compile(
    # (or with the writer left out at the text's start: "tried ringing you on 0121 … all morning"; "you", the reader
    # rung, is the organisation)
    r"(?i)(?:(?:(?<![\w'’])(?:i|i['’]ve|i\s+have|i\s+had|i\s+then|and|then)\s+|[,—–]\s+|^)"
    r"(?:(?!(?:we|they|he|she|you|someone|somebody|who)\b)\w+\s+)?"
    r"(?:called|rang|phoned|dialled|dialed|tried\s+calling|tried\s+ringing)(?:\s+you)?"
    r"(?:\s+the\s+(?:[\w-]+\s+){0,3}?(?:line|number|helpline|hotline|desk|office|switchboard))?\s+(?:on|at)?"
    r"|\bj['’]ai\s+(?:\w+\s+)?appel[ée]\s+(?:le|au)|\bllam[ée]\s+(?:\w+\s+)?al|\bho\s+(?:\w+\s+)?chiamato\s+(?:il|al)|"
    r"\bliguei\s+(?:\w+\s+)?(?:para\s+o|pro|pra\s+o|no))\s*:?\s*$")
_LEADING_HANDLES = re.compile(r"(?:@\w+[^\S\n]+)*")
_CALLED_ON = re.compile(
    r"(?i)\b(?:call|ring|phone|text|reach|contact|appel\w*|joindre|llam\w*|ligar|rufen|anrufen|bellen|bel|"
    # (not the nouns: "our call centre is on …", "the phone line is …")
    r"rückruf|chiam\w*)(?!\s+(?:cent(?:re|er)s?|lines?|desk|handlers?|hours)\b)"
    r"(?:\s+(?:you|him|her|them|me|us|sie|je|te|vous|back|zurück))?(?:\s+\w+){0,2}?\s*"
    r"(?:on|at|au|al|le|no|unter|op)?\s*:?\s*$")
# A number the writer was called or texted from ("got a call from 312-555-0199 claiming to be you")
# The number that called or wrote the writer, named right before it: "caller ID 202-…", "me llamó el …", "m'a appelé
# du …", "mi ha chiamato il …", "me ligou do …", "belde me vanaf …", "zadzwonił z numeru …", "ringde mig från …"
# After a number: it called or texted the writer ("… that called me yesterday", "… que me llamó diciendo ser …",
# "… qui m'a appelé", "… che mi ha chiamato", "… que me ligou", "… das mich angerufen hat", "… die mij belde")
_CALLED_ME_AFTER = re.compile(
    r"(?i)[^\S\n]*,?[^\S\n]*(?:that|which|who|que|qui|che|das|der|die|dat)\s+(?:\w+\s+)?"
    r"(?:(?:called|rang|texted|phoned|messaged)\s+(?:me|us|you)\b|(?:me|nos)\s+(?:llam[óo]|llamaron|ha(?:n)?\s+llamado|"
    r"escribi[óo]|escribieron)|m['’]a\s+(?:appel[ée]e?|contact[ée]e?|écrit)|mi\s+ha(?:nno)?\s+(?:chiamat[oa]|scritto)|"
    r"me\s+(?:ligou|ligaram|escreveu)|mich\s+(?:\w+\s+)?angerufen|mij\s+(?:belde|heeft\s+gebeld))")
_CALLED_BY = re.compile(
    r"(?i)(?:\bcaller[ -]?id\b|\bcaller\b|\bcalled (?:me |us )?from\b|\banrufer(?:kennung)?\b|\brufnummernanzeige\b|"
    r"\bnum[ée]ro (?:appelant|masqué)\b|\bidentificador de llamadas?\b|"
    r"\b(?:me|te|le|nos)\s+(?:llam[óo]|llamaron|ha(?:n)?\s+llamado|escribi[óo]|escribieron)(?:\s+(?:desde\s+)?(?:el|del|al))?|"
    r"\bm['’]a\s+(?:appel[ée]e?|écrit)(?:\s+(?:du|depuis le|au))?|"
    r"\bmi\s+ha(?:nno)?\s+(?:chiamat[oa]|scritto)(?:\s+(?:il|dal|da))?|"
    r"\bme\s+(?:ligou|ligaram|ligaram|escreveu|escreveram)(?:\s+(?:do|o|de))?|"
    # ("vocês ligam do (11) 3003 0401?": asked whether the brand calls from it)
    r"\b(?:ligam|ligaram|ligou|ligando|liga)\s+(?:do|desse|deste|de)\b(?:\s+n[úu]mero)?|"
    # ("the number that rang me was 01632 …")
    r"\bthat\s+(?:rang|called|phoned|texted|messaged)\s+(?:me|us|my\s+\w+)(?:\s+(?:was|is|from))?|"
    r"\bbelde(?:n)?\s+(?:me|mij|ons)(?:\s+(?:met|vanaf|op))?|"
    r"\bzadzwoni(?:ł|ła|li)(?:\s+do\s+mnie)?(?:\s+z(?:\s+numeru)?)?|"
    r"\bring(?:de|ede)\s+(?:mig|meg|til\s+mig)\s+fr(?:å|a)n?|\bsoitti\s+(?:minulle\s+)?numerosta|"
    r"\bbeni\s+aradı|\bmi\s+volal(?:a|i)?\s+z)\s*:?\s*[\"'“(]?$")
# A freepost or business-reply address (no stamp needed: an organisation's): "FREEPOST RTKX-HGBA, …", "Antwoordnummer
# 1234", "Libre réponse 12345", "Svarspost", "Werbeantwort"
_FREEPOST = re.compile(
    r"(?i)\b(?:freepost|antwoordnummer|libre\s+r[ée]ponse|r[ée]ponse\s+pay[ée]e|werbeantwort|svarspost|svarsforsendelse|"
    r"svarsendelse|risposta\s+pagata|respuesta\s+comercial|vastauslähetys|odpowiedź\s+płatna)\b")
# A value given as an example in a how-to: "e.g.", "for example", "such as", "z. B.", "par ex.", "por ejemplo" …
_EXAMPLE_VALUE_BEFORE = re.compile(
    r"(?i)(?:\be\.\s?g\.|\beg\b|\bfor example|\bfor instance|\bsuch as|\bexample\s*:|\bz\.\s?b\.|\bzum beispiel|"
    r"\bpar exemple|\bp\.\s?ex\.|\bpor ejemplo|\bp\.\s?ej\.|\bad esempio|\bad es\.|\bper esempio|\bpor exemplo|"
    r"\bbijvoorbeeld|\bbijv\.|\bbv\.|\bnp\.|\bna przykład|\bt\.\s?ex\.|\btill exempel|\bf\.\s?eks\.|\bfor eksempel|"
    r"\besim\.|\besimerkiksi|\bmesela|\börneğin|\bnapř\.|\bnapříklad)\s*[:(\"'“]?\s*$")
_EXAMPLE_AFTER_HINT = re.compile(r"(?i)format|example|real|fictional|fake|made|dummy")
# In an ASCII stretch each phrase of _EXAMPLE_VALUE_BEFORE has a "." or one of these (lower case), and a match of
# _EXAMPLE_AFTER_HINT is one of those: substring tests, faster than the searches, which are left for other texts
_EXAMPLE_BEFORE_HINTS = ("eg", "example", "instance", "such as", "beispiel", "exemp", "ejemplo", "esempio",
                         "bijvoorbeeld", "eksempel", "esimerkiksi", "mesela")
_EXAMPLE_AFTER_HINTS = ("format", "example", "real", "fictional", "fake", "made", "dummy")


def _example_before(text: str, start: int) -> bool:
    """Whether _EXAMPLE_VALUE_BEFORE ends right before start (within 25 characters)."""
    begin = max(0, start - 25)
    window = text[begin:start]
    if window.isascii() and "." not in window:
        lowered = window.lower()
        if not any(hint in lowered for hint in _EXAMPLE_BEFORE_HINTS):
            return False
    return _EXAMPLE_VALUE_BEFORE.search(text, begin, start) is not None


def _example_hint_after(text: str, end: int) -> bool:
    """Whether _EXAMPLE_AFTER_HINT is found within 60 characters after end."""
    window = text[end:end + 60]
    if window.isascii():
        lowered = window.lower()
        return any(hint in lowered for hint in _EXAMPLE_AFTER_HINTS)
    return _EXAMPLE_AFTER_HINT.search(window) is not None
_EXAMPLE_VALUE_AFTER = re.compile(
    r"(?i)[\s,;:(—–-]*(?:[^\s.!?)]+\s+){0,4}?(?:just\s+(?:the|a|an)\s+(?:format|example)|not\s+a\s+real\s+"
    r"(?:one|number|address|e-?mail)|(?:an?\s+)?(?:fictional|fake|made[- ]up|dummy)\s+(?:number|address|e-?mail)|"
    r"for\s+example\s+only)\b")
_PHONE_SENDER = re.compile(
    # (Tagalog: "nag-text sa akin 0917 …", "tumawag sa akin …": texted or called me)
    r"(?i)\b(?:nag-?text|nagtext|tumawag|nag-?call)\s+(?:sa\s+akin|sakin|sa\s+amin)\s*:?\s*$|"
    # ("then from a different number, (347) …")
    r"\bfrom\s+(?:a\s+)?(?:different|another|second|new)\s+number\s*[,:]?\s*$|"
    # ("that text about a toll fine from +353 …")
    r"\b(?:text|texts|sms|message|messages|call|calls|email)\s+about\s+(?:[\w'’-]+\s+){1,4}?from\s*:?\s*$|"
    r"\b(?:call|called|calls|calling|text|texts|texted|sms|message|messages|messaged|voicemail|whatsapp|ring|"
    r"rang|llamada|llamadas|appel|appels|anruf|anrufe|chiamata|chiamate|telefonata|liga[çc][ãa]o|chamada|oproep|"
    r"telefoontje|połączenie|telefon|samtal|opkald|opringning|anrop|puhelu|mensaje|messaggio|mensagem|bericht|"
    r"wiadomość|nachricht|llamaron|llamó|appelé|angerufen|chiamato|ligaram|gebeld|bellen|belden|belt|dzwonili|"
    r"dzwonił|ringde|ringede|soitti)\s+(?:\w+\s+){0,2}?(?:from|du|de|des|del|von|vom|van|vanaf|dal|dallo|dalla|da|"
    r"do|od|z|fra|från|numerosta)"
    # (or the sender's name, then its number: "text from 'CRA' at 1 (343) …")
    r"(?:(?:\s+['\"“‘]?[^\s'\"”’]{1,20}['\"”’]?){1,2}\s+(?:at|on))?"
    r"\s*:?\s*$")
_ADDRESS_OWNER = re.compile(
    # ("She lives alone at 32 Jacaranda Street", "the driver knocked at 22 Banksia St")
    r"(?i)\b(?:my|mine|i live|we live|you live|lives?(?:\s+alone)?\s+at|knocked(?:\s+on\s+the\s+door)?\s+at|"
    r"drove\s+(?:past|by)|stopped\s+by|i'?m at|home|(?<!turn )(?<!bear )(?<!keep )(?:left|dropped|leave|drop)\w*(?:\s+\w+){0,2}?\s+at|"
    # (not what is posted to an organisation: "mail payments to … PO Box …", "send your complaint to")
    r"(?:re-?)?(?:ship|deliver|send|sent|mail|post|forward|brought|bring)\w*(?!(?:\s+(?:the|your|all|any))?\s+(?:payments?|cheques?|"
    r"checks?|complaints?|appeals?)\b)"
    r"(?:\s+[\w'-]+){0,3}?\s+to|to me at|billing|shipping|delivery|moved to|new address|on file|"
    # "we're at …" (the writer's household), "term address is …", "loss location: …" (a student's, an insured's)
    r"we['’]?re at|we are at|(?:term|loss|risk|insured|property|installation|supply)\s+(?:address|location)|"
    r"location of (?:the )?loss|"
    r"your\s+(?:[\w-]+\s+)?(?:address|home|house|place|flat|apartment|door))\b")
# "I live", "we live" in the other languages (an address after it is a home)
_I_LIVE = re.compile(r"(?i)\b(?:wohne|wohnen|habite|habitons|vivo|vivimos|abito|abitiamo|moro|moramos|woon|wonen|"
                     r"mieszkam|mieszkamy|bor)\b")


def _home_named_before(text: str, start: int) -> bool:
    """The address at start named as the writer's (or the reader's) home in its clause: "Meine Adresse:", "my
    address is", "Ich wohne in der", "ship to"."""
    begin = _clause_before(text, start, 40)
    return _WRITERS_HOME.search(text, begin, start) is not None or \
        _ADDRESS_OWNER.search(text, begin, start) is not None or _I_LIVE.search(text, begin, start) is not None


# named as a home right after it: "2217 Whitfield Ave, … (your home)", "…, my parents' house"
_HOME_AFTER = re.compile(r"(?i)[\s,]*[(—–-]?\s*(?:your|my|our|his|her|their)\s+(?:[\w'’-]+\s+)?"
                         r"(?:home|house|flat|apartment|place|residence)\b")


def _owned(text: str, start: int, end: int | None = None) -> bool:
    """Labelled as the writer's own right before it ("my email is", "call me on", "reach me at"), or as the
    customer's in a reply that confirms their record ("we've updated your mobile number to …", "… as your
    contact number")."""
    return _OWNER_CUE.search(text[max(0, start - 40):start]) is not None or \
        _RECORD_BEFORE.search(text[max(0, start - 60):start]) is not None or \
        (end is not None and _RECORD_AFTER.match(text, end) is not None)


_RETURNS_ADDRESS_NAMED = re.compile(r"(?i)\b(?:(?:returns?|return\s+to\s+sender)\s+(?:address|centre|center|depot|hub|"
                                    r"warehouse|unit)|retouradres|rücksendeadresse|retourenadresse|adresse\s+de\s+retour|"
                                    r"dirección\s+de\s+devolución)\b[^\n]{0,100}$")
_WRITE_TO_US_BEFORE = re.compile(r"(?i)\b(?:reply|write|respond|e-?mail|mail)\s+(?:to\s+)?us\s+(?:at|on)\s*:?\s*$")
_EXAMPLE_DOMAIN = re.compile(r"(?i)(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$")
_HANDLE = re.compile(r"(?<![^\s(\[\"'“])@([A-Za-z0-9_]{4,30})(?![\w@]|\.\w)")  # (not an address's own "@")


# One to four words in capitals in a row: what names an organisation ("Hyresbolaget Björk", "Okra Bank")
_CAPITALISED_NAME = re.compile(rf"(?<![\w@.])(?:[{_CAPITAL}][\w&'’-]*[ \t]+){{0,3}}[{_CAPITAL}][\w&'’-]*")


def _handle_domain(text: str, domain: str) -> bool:
    """A mailbox at the domain of an organisation whose handle the text addresses ("@TrenoVeloceIT … rimborsi@
    trenoveloce.it"): the organisation's, not a person's (a mail provider's domain is everyone's)."""
    labels = [label.replace("-", "") for label in domain.lower().split(".")[:-1]]
    name = max(labels, key=len, default="")
    if len(name) < 4 or name in _MAIL_PROVIDERS or domain.lower() in _MAIL_PROVIDERS:
        return False
    return any(name in handle.lower().replace("_", "") for handle in _HANDLE.findall(text))


def _named_organisations_domain(text: str, domain: str) -> bool:
    """A domain spelling the name of an organisation the text names in capitals ("avtal@hyresbolagetbjork.se …
    Mvh, Hyresbolaget Björk"): the organisation's own (a mail provider's domain is everyone's)."""
    labels = [label.replace("-", "") for label in domain.lower().split(".")[:-1]]
    name = max(labels, key=len, default="")
    if len(name) < 6 or _at_mail_provider(domain):
        return False
    return any(_folded_letters(words) == name for words in _CAPITALISED_NAME.findall(text))


def _folded_letters(value: str) -> str:
    """Lower case, accents dropped, letters and digits only: "Hyresbolaget Björk" → "hyresbolagetbjork"."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def is_role_mailbox(local: str) -> bool:
    """support, no-reply, billing.eu, customer.care …: a role of an organisation, not a person."""
    parts = [p for p in re.split(r"[._+\-]+", local.lower()) if p and not p.isdigit()]
    return bool(parts) and all(p in _ROLE_PARTS for p in parts) and any(p not in _WEAK_ROLE_PARTS for p in parts) \
        or "".join(parts) in _ROLE_PARTS


def _at_mail_provider(domain: str) -> bool:
    """A domain of a mail provider's (gmail.com, mail.yahoo.co.uk, web.de): everyone's, no organisation's own."""
    return domain.lower() in _MAIL_PROVIDERS or any(label in _MAIL_PROVIDERS for label in domain.lower().split(".")[:-1])


def is_team_mailbox(local: str, domain: str) -> bool:
    """A team's mailbox at an organisation's own domain (not a mail provider's): a role word with one more word, a
    branch or a region ("sales.reading@…", "repairs.scotland@…", "verkauf.hannover@…"), or a role word with a word
    glued before it ("patientbilling@…"). A person's mailbox has no role word ("jo.finance.88@gmail.com" is at a
    provider and has digits)."""
    if _at_mail_provider(domain):
        return False
    # (a branch's number may end a word: "inscriptions.mairie8@mairie-lyon.fr")
    parts = [p.rstrip("0123456789") if len(p) > 3 else p for p in re.split(r"[._+\-]+", local.lower()) if p]
    if not parts or len(parts) > 3 or not all(p.isalpha() for p in parts):
        return False
    roles = [p for p in parts if p in _ROLE_PARTS and p not in _WEAK_ROLE_PARTS]
    if len(parts) > 1:
        return bool(roles) and len(parts) - len(roles) <= 1 and all(len(p) >= 3 for p in parts if p not in roles)
    # one word: a role word of six letters or more at its end, after three letters or more ("patientbilling")
    word = parts[0]
    return any(len(role) >= 6 and word.endswith(role) and len(word) - len(role) >= 3
               for role in _GLUED_ROLE_ENDINGS)


def _place_mailbox(text: str, start: int, end: int, local: str, domain: str,
                   places: Sequence[tuple[Finding, bool]]) -> bool:
    """A mailbox among a place's or organisation's contact details, whatever word names its desk in whatever
    language ("Café Lindgren, Storgatan 14, 411 38 Göteborg, tel. …, öppet 8–18. Catering: catering@cafelindgren.se",
    "Die Praxis …, Lindenstraße 8, 10969 Berlin, Sprechzeiten Mo–Fr 8–13 Uhr … rezepte@praxis-linden.de"): at a domain that is no mail
    provider's, its local part not a person's (_persons_mailbox), no one's words in its sentence ("my", "her",
    "reach her at"), and two of: a street address near it (one found public counts twice), a place's opening hours
    near it, an organisation before it (a business's place, "our", "unser" …) or named as its domain ("Café Lindgren"
    and cafelindgren.se), a phone line given beside it. A person's own mailbox has none of them, or is at a provider."""
    labels = domain.lower().split(".")
    if _at_mail_provider(domain) or _persons_mailbox(text, local, labels, [p for p, _ in places]):
        return False
    begin = _clause_before(text, start, 150)
    stop = text.find(". ", end, end + 100)
    stop = end + 100 if stop < 0 else stop
    if _A_PERSONS_WORDS.search(text, begin, min(stop, end + 60)) or _calls_a_person(text, begin, start):
        return False  # "email me at …", "her address is …", "reach her at …"
    near = [public for p, public in places if (0 <= start - p.end <= 150 or 0 <= p.start - end <= 100) and
            _ADDRESS_OWNER.search(text, max(0, p.start - 40), p.start) is None and _HOME_AFTER.match(text, p.end) is None]
    # (around the address, not in it: "…@a0000.open" names no opening hours)
    hours = _PLACE_HOURS.search(text, max(0, start - 150), start) is not None or \
        _PLACE_HOURS.search(text, end, min(len(text), end + 120)) is not None
    organisation = _BUSINESS_PLACE_ANY.search(text, max(0, start - 250), start) is not None or \
        _OUR_WORD.search(text, max(0, start - 250), start) is not None or \
        _OUR_ELSEWHERE.search(text, max(0, start - 250), start) is not None or \
        not text.isascii() and (_SCRIPT_BUSINESS.search(text, max(0, start - 250), start) is not None or
                                _OUR_IN_SCRIPTS.search(text, max(0, start - 250), start) is not None) or \
        _named_as_domain(text, labels)
    line = _LINE_GIVEN.search(text, max(0, start - 150), min(len(text), end + 120)) is not None
    return (2 if any(near) else 1 if near else 0) + hours + organisation + line >= 2


# A phone line given among a place's details: "tel. 0114 …", "Telefon 06 …", "call (714) …", "電話 03-…"
_LINE_GIVEN = re.compile(r"(?i)(?:\b(?:tel|tlf|tfn|phone|telephone|t[ée]l[ée]phone|telefon[eo]?|telefone|telefoon|"
                         r"call|ring|bel|ligue|llame|chiama(?:te)?|rufen|anrufen|puhelin|tel[ée]fono|tél|çağrı|arayın)\b|電話|전화|โทร)"
                         r"\.?\s*:?\s*(?:\w+\s+){0,3}?\+?\(?\d{2,}")
# A person's mailbox by its shape: a letter or a digit in it ("j.smith", "jsmith88"), or first and last name with no
# part an organisation's word
_MAILBOX_PARTS = re.compile(r"[._+\-]+")


def _persons_mailbox(text: str, local: str, labels: Sequence[str], places: Sequence[Finding] = ()) -> bool:
    """A local part shaped as a person's: digits ("jsmith88"), an initial ("j.smith"), two or three words none of
    which is a role word or a word the text writes in lower case ("marek.nowak"; not "visa.section" beside "the
    visa section", "tenants.north" beside "our tenant"), or one word the text writes as a name, capitalised
    inside a sentence ("Hi Ines, … ines@…", "your stylist, Ines") unless it names the domain too, or the text writes
    it as no one's name (_names_no_one: a town of a street address, a label, a word of a place's name).
    places: the street addresses found in the text."""
    if any(c.isdigit() for c in local):
        return True
    parts = [p for p in _MAILBOX_PARTS.split(local.lower()) if p]
    if not parts or len(parts) > 3:
        return True
    if len(parts) > 1:
        return any(len(p) == 1 for p in parts) or not any(
            p in _ROLE_PARTS and p not in _WEAK_ROLE_PARTS or
            re.search(rf"(?<![\w@.-]){re.escape(p.removesuffix('s'))}s?(?![\w@-]|\.\w)", text) for p in parts)
    word = parts[0]
    if word in labels or len(word) < 2:
        return False
    written = list(re.finditer(rf"(?<![\w@.-]){re.escape(word.capitalize())}(?![\w@-]|\.\w)", text))
    return any(not re.search(r"(?:^|[.!?:\n]\s*)$", text[max(0, m.start() - 3):m.start()]) for m in written) and \
        not any(_names_no_one(text, m, places) for m in written)


# An office's or desk's title after "our" or "the" ("our Data Protection Officer", "the Nodal Officer", "unser
# Kundenservice Team", "notre Service Réclamations"): two to four capitalised words, a title no one's name takes
_OFFICE_TITLE = re.compile(
    rf"(?i:\b(?:our|the|your|their|its|unser\w*|ihr\w*|notre|nos|votre|le|la|nuestr[oa]s?|su|el|il|nostr[oa]|lo|"
    rf"nosso|nossa|o|a|onze|ons|het|de|nasz\w*|vår\w*|vores)\s+)"
    rf"(?-i:([{_CAPITAL}][\w&'’-]*(?:\s+[{_CAPITAL}][\w&'’-]*){{1,3}}))")


# The kinds of office a title names (with the role words and the staff words of privacy_cues.STAFF_WORDS)
_OFFICE_WORDS = (_ROLE_PARTS - _WEAK_ROLE_PARTS) | frozenset(
    "officer officers unit committee board bureau secretariat ombudsman department dept division centre center "
    "section panel liaison".split()) | frozenset(w for group in cues.STAFF_WORDS.values() for w in group)


def _office_spelt(text: str, local: str) -> bool:
    """A mailbox whose local part spells, word for word, an office or desk the text names by its title after "our"
    or "the" (_OFFICE_TITLE: "Contact our Data Protection Officer: data.protection@…", "Our Nodal Officer … at
    nodal.officer@…"): a desk's, though its own words are not all role words. Two words or three, each a word of
    the same title, which holds a role word (officer, team, desk …); "Our Sarah Jones will reply from
    sarah.jones@…" is a person's (a name holds none)."""
    parts = [p for p in _MAILBOX_PARTS.split(local.lower()) if p]
    if not 2 <= len(parts) <= 3 or any(len(p) < 2 or not p.isalpha() for p in parts):
        return False
    if not any(p.capitalize() in text for p in parts):
        return False
    n = len(parts)
    for title in _OFFICE_TITLE.finditer(text):
        words = [w.lower() for w in title.group(1).split()]
        for i in range(len(words) - n + 1):
            # (the local part's words in a row, an office's word among them or right beside them: "Data Protection
            # Officer", not "Team Leader Tom Baker")
            if words[i:i + n] == parts and not _OFFICE_WORDS.isdisjoint(words[max(0, i - 1):i + n + 1]):
                return True
    return False


def _names_no_one(text: str, word: re.Match, places: Sequence[Finding]) -> bool:
    """A capitalised word that is no person's name where the text writes it: inside a street address (a branch's
    mailbox named after its town: "…, 0191 Oslo" and oslo@…), a label before a colon ("Anmeldung: 06221 … oder
    anmeldung@…"), or a word of a place's name before its place word ("Westfield Recycling Centre", recycling@…)."""
    if any(p.start <= word.start() and word.end() <= p.end for p in places):
        return True
    if text.startswith(":", word.end()) or text.startswith(" :", word.end()):
        return True
    office = _LOWER_WORD_AFTER.match(text, word.end())
    if office is not None and (office.group(1) in _OFFICE_WORDS or _BUSINESS_PLACE_ANY.search(office.group(1))):
        return True  # "Our Leeds team are on …", "the Oslo office": a branch's desk named by its town
    rest = _CAPITALISED_AFTER.match(text, word.end())
    if rest is None:
        return False
    last = rest.group().split()[-1]
    return _BUSINESS_PLACE_ANY.search(last) is not None or _venue_word(last, 0, len(last))


# (a word in lower case right after it: "Leeds team", "Oslo office")
_LOWER_WORD_AFTER = re.compile(r"[ \t]+([a-zà-ÿ][\w-]*)")
# (one to three capitalised words right after a word, in the same name: "Recycling Centre", "Court Residence")
_CAPITALISED_AFTER = re.compile(rf"(?-i:(?:[ \t]+[{_CAPITAL}][\w&'’-]*){{1,3}})")


# A run of capitalised words: an organisation's name, as its domain may spell it ("Café Lindgren", cafelindgren.se)
_CAPITALISED_RUN = re.compile(rf"(?-i:[{_CAPITAL}][\w&'’-]*(?:\s+[{_CAPITAL}][\w&'’-]*){{0,3}})")


def _named_as_domain(text: str, labels: Sequence[str]) -> bool:
    """The mailbox's domain spells a name the text gives in capitals ("Pasticceria Dolce Vita",
    pasticceriadolcevita.it; "York Cycle Works", yorkcycleworks.co.uk; "Bloom Florist Leeds", bloomflorist.co.uk): the
    organisation's own domain."""
    names = {label.replace("-", "") for label in labels[:-1] if len(label) >= 5}
    if not names:
        return False
    for run in _CAPITALISED_RUN.finditer(text):
        words = [re.sub(r"[^\w]", "", w).lower() for w in run.group().split()]
        for i in range(len(words)):
            joined = ""
            for word in words[i:]:
                joined += word
                if len(joined) >= 5 and any(name.startswith(joined) and 2 * len(joined) >= len(name)
                                            for name in names):
                    return True
    return False


_GLUED_ROLE_ENDINGS = ("billing", "support", "service", "services", "bookings", "enquiries", "accounts",
                       "administratie", "verwaltung", "buchhaltung", "kundenservice")


_PLAIN_NUMBER = re.compile(r"[0-9 \t().\-\u2010-\u2015/]+")  # digits and separators only: no "+", letter or "ext"
_NOT_A_DIGIT = re.compile(r"\D")


@functools.lru_cache(maxsize=32)
def _service_suffix(region: str) -> re.Pattern | None:
    """For _service_number's regions (`region` first): a pattern that some tail of a plain number's digits
    matches whenever any of them could read the number as a service line, or None when that cannot be told
    so. Written without "+" and without an international prefix, a number parses to one of these regions'
    country codes, and its national number is what is left of its digits once a leading country code or trunk
    prefix is dropped (none of these regions rewrites the prefix): so when no tail matches a toll-free,
    premium-rate, shared-cost or UAN pattern of a region sharing those country codes, no parse can make it one.
    (Built once per configured region, from phonenumbers' metadata: a cheap "no" before the parses.)"""
    patterns: set[str] = set()
    for candidate in (region, *_SERVICE_REGIONS):
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(candidate)
        if metadata is None or metadata.national_prefix_transform_rule:
            return None
        for sibling in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code or 0, ()):
            sibling_metadata = phonenumbers.PhoneMetadata.metadata_for_region(sibling)
            if sibling_metadata is None:
                return None
            for desc in (sibling_metadata.toll_free, sibling_metadata.premium_rate, sibling_metadata.shared_cost,
                         sibling_metadata.uan):
                if desc is not None and desc.national_number_pattern:
                    patterns.add(desc.national_number_pattern)
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in sorted(patterns)) + r")\Z")


@functools.lru_cache(maxsize=32)
def _international_prefixes(region: str) -> re.Pattern:
    """The international (IDD) prefixes of _service_number's regions, at the start of a number's digits."""
    prefixes = [metadata.international_prefix for candidate in (region, *_SERVICE_REGIONS)
                if (metadata := phonenumbers.PhoneMetadata.metadata_for_region(candidate)) is not None
                and metadata.international_prefix]
    return re.compile("|".join(f"(?:{p})" for p in prefixes) or r"(?!)")


@functools.lru_cache(maxsize=64)
def _numbering_plan(region: str) -> tuple[str, re.Pattern | None, frozenset[int] | None, re.Pattern]:
    """A region's country code, national prefix (as phonenumbers strips it when parsing), and the lengths and
    pattern of every valid national number under its country code (the general descriptions of all the regions
    that share it), from phonenumbers' metadata."""
    metadata: Any = phonenumbers.PhoneMetadata.metadata_for_region(region)  # (known: see _service_suffix)
    code = metadata.country_code or 0
    generals: list[Any] = [m.general_desc for sibling in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ())
                if (m := phonenumbers.PhoneMetadata.metadata_for_region(sibling)) is not None]
    lengths = None if any(not g.possible_length for g in generals) else \
        frozenset(n for g in generals for n in g.possible_length)
    pattern = re.compile("|".join(f"(?:{g.national_number_pattern})" for g in generals
                                  if g.national_number_pattern) or r"(?!)")
    prefix = re.compile(metadata.national_prefix_for_parsing) if metadata.national_prefix_for_parsing else None
    return str(code), prefix, lengths, pattern


def _may_be_valid_in(digits: str, region: str) -> bool:
    """Whether the digits of a plain number (no "+", no international prefix, no letters) could parse to a valid
    number in `region`: what parsing leaves of them (the digits, without a leading country code, without the
    national prefix) has a valid length and shape under the region's country code. Only called for the regions
    of _service_suffix (none rewrites its national prefix)."""
    code, prefix, lengths, pattern = _numbering_plan(region)
    for rest in (digits, digits[len(code):]) if digits.startswith(code) else (digits,):
        stripped = prefix.match(rest) if prefix is not None else None
        for national in (rest, rest[stripped.end():]) if stripped else (rest,):
            if (lengths is None or len(national) in lengths) and pattern.fullmatch(national):
                return True
    return False


@functools.lru_cache(maxsize=32)
def _plain_reading(region: str) -> tuple[str, re.Pattern | None, re.Pattern, frozenset[int]] | None:
    """How parse reads a plain number in `region` (its country code, national prefix and international prefix) and
    the lengths phonenumbers calls possible under that code, or None when that cannot be told so cheaply (no
    metadata, or a national prefix that is rewritten)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.national_prefix_transform_rule:
        return None
    code, prefix, _, _ = _numbering_plan(region)
    # (is_possible_number reads the lengths of the country code's main region, local-only ones included)
    main = phonenumbers.PhoneMetadata.metadata_for_region(phonenumbers.region_code_for_country_code(int(code)))
    general = main.general_desc if main is not None else None
    if general is None or not general.possible_length:
        return None
    possible = frozenset(general.possible_length) | frozenset(general.possible_length_local_only)
    return code, prefix, re.compile(metadata.international_prefix or r"(?!)"), possible


def _national_readings(candidate: str, reading: tuple[str, re.Pattern | None, re.Pattern, frozenset[int]]
                       ) -> set[str] | None:
    """What parse may leave of a plain candidate's digits as its national number, in a region read so
    (_plain_reading); None when the candidate is not plain (digits and separators only: no "+", letter or extension)
    or starts with an international prefix. Without either, parse keeps the region's country code and takes off at
    most a leading country code and the national prefix (once or twice): every way of taking those off is here."""
    if not _PLAIN_NUMBER.fullmatch(candidate):
        return None
    code, prefix, international, _ = reading
    digits = _NOT_A_DIGIT.sub("", candidate)  # (a plain candidate's digits are 0-9)
    if international.match(digits):
        return None
    if not digits.startswith(code) and (prefix is None or not prefix.match(digits)):
        return {digits}  # (most: nothing to take off)
    readings, todo = set(), [digits]
    while todo:
        national = todo.pop()
        if national in readings:
            continue
        readings.add(national)
        if code and national.startswith(code):
            todo.append(national[len(code):])
        stripped = prefix.match(national) if prefix is not None else None
        if stripped is not None and stripped.end():
            todo.append(national[stripped.end():])
    return readings


class _Matcher(PhoneNumberMatcher):
    """phonenumbers' matcher, which does not parse the candidates that no parse could make a match: most of what it
    is given are other countries' national numbers ("0333 202 0000" for a US brand), each parsed and checked in
    every region sharing the country code, as is each group inside it. A match at Leniency.VALID is a valid number,
    which has a valid length and shape under its country code (_numbering_plan); at POSSIBLE, a possible length."""

    def _parse_and_verify(self, candidate: str, offset: int) -> Any:
        region = self.preferred_region or ""
        reading = _plain_reading(region)
        readings = _national_readings(candidate, reading) if reading is not None else None
        if readings is not None and reading is not None:
            if self.leniency == Leniency.VALID:
                _, _, lengths, pattern = _numbering_plan(region)
                fits = any((lengths is None or len(national) in lengths) and pattern.fullmatch(national)
                           for national in readings)
            elif self.leniency == Leniency.POSSIBLE:
                fits = any(len(national) in reading[3] for national in readings)
            else:
                fits = True
            if not fits:
                return None  # (what the parse would have come to: no match)
        match = super()._parse_and_verify(candidate, offset)
        if match is not None:  # (its number is what parse(candidate, region) gives: kept for the allowances and mask)
            _PARSES.setdefault((candidate, self.preferred_region), match.number)
        return match


def _service_number(value: str, region: str) -> bool:
    """Toll-free, premium-rate, shared-cost or universal access numbers (phonenumbers' number types): a
    business's line, not a person's."""
    plain = ""  # the digits of a plain number written without an international prefix, "" for any other
    if _PLAIN_NUMBER.fullmatch(value):  # a cheap "no" for most personal numbers (see _service_suffix)
        digits = "".join(c for c in value if c.isdigit())
        if _service_suffix(region) is not None and not _international_prefixes(region).match(digits):
            if _service_suffix(region).search(digits) is None:  # type: ignore[union-attr]
                return False
            plain = digits
    # (no region: only a "+" number parses so, and the default region reads a "+" number the same way)
    for candidate in (region, *_SERVICE_REGIONS):
        if plain and not _may_be_valid_in(plain, candidate):
            continue  # (its parse would be of no number there: UNKNOWN, the next region is asked)
        try:
            # number_type is UNKNOWN exactly when the number is not valid (one region look-up instead of two)
            kind = _type_of(value, candidate)
        except phonenumbers.NumberParseException:
            continue
        if kind != phonenumbers.PhoneNumberType.UNKNOWN:
            return kind in _SERVICE_TYPES  # the first region that knows it decides
        if value.lstrip().startswith("+"):
            return False
    return False


# Scripts written in one country above all, and that country: a number in a text in one is read as dialled there
_SCRIPT_REGIONS = ((re.compile("[\u3040-\u30ff]"), "JP"), (re.compile("[\uac00-\ud7a3]"), "KR"),
                   (re.compile("[\u0e00-\u0e7f]"), "TH"), (re.compile("[\u0590-\u05ff]"), "IL"),
                   (re.compile("[\u0370-\u03ff]"), "GR"), (re.compile("[\u0900-\u097f]"), "IN"),
                   # (Han without kana, asked after Japan: a Chinese text, "手机号 139 1742 8806")
                   (re.compile("[\u4e00-\u9fff]"), "CN"))
# Where most 10- and 11-digit numbers are valid mobiles (India's 6-9…, China's 1…), a transaction id or an order
# number too: their lines only after a phone word ("नंबर", "手机号")
_SCRIPT_LINE_CUES = {"IN": re.compile("नंबर|नम्बर|मोबाइल|फ़ोन|फोन|कॉल|व्हाट्सऐप"),
                     "CN": re.compile("手机|電話|电话|号码|號碼|手機|联系|聯繫|微信")}
# A text's language, told by its phone-line words and its commonest words (privacy_cues.LINE_WORDS,
# LANGUAGE_MARKS): a number in the national format of that language's countries is read there
_LINE_WORDS = {lang: frozenset(words) for lang, words in cues.LINE_WORDS.items()}
_LINE_GATE = frozenset().union(*_LINE_WORDS.values())
_LANGUAGE_MARKS = {lang: frozenset(cues.LANGUAGE_MARKS[lang]) for lang in _LINE_WORDS}
_LINE_WORD = re.compile(rf"(?i)(?<![\w-]){cues.pattern(cues.LINE_WORDS)}(?![\w-])")


def _language_regions(words: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The countries of the languages a text is in, among those with a phone-line word in it (two or more of the
    language's common words besides): () for most texts, which have no such word."""
    if words.isdisjoint(_LINE_GATE):
        return ()
    regions: list[str] = []
    for lang, line_words in _LINE_WORDS.items():
        if not words.isdisjoint(line_words) and len(_LANGUAGE_MARKS[lang].intersection(words)) >= 2:
            regions += cues.LINE_REGIONS[lang]
    return tuple(regions)


def _type_in_language_country(value: str, regions: Sequence[str]) -> Any:
    """The number's type (phonenumbers) in the first country of the text's language where it is valid, or None."""
    for region in regions:
        try:
            kind = _type_of(value, region)  # (UNKNOWN exactly when not valid there)
        except phonenumbers.NumberParseException:
            continue
        if kind != phonenumbers.PhoneNumberType.UNKNOWN:
            return kind
    return None


def _service_number_in_scripts_country(value: str, text: str, default_region: str) -> bool:
    """A toll-free, premium-rate, shared-cost or UAN number of the country whose script the text is in."""
    region = next((region for script, region in _SCRIPT_REGIONS if script.search(text)), None)
    if region is None or region == default_region:
        return False
    try:
        return _type_of(value, region) in _SERVICE_TYPES
    except phonenumbers.NumberParseException:
        return False


# Countries whose national numbers start with a trunk 0 in a shape of their own ("0161 496 0377", "0412 345 678",
# "030 12345678"): a number written so is read as one of theirs when it is valid there (phonenumbers)
# (Germany last: its plan takes most 10–12-digit numbers, the others' are narrower and name the country better)
_NATIONAL_FORMAT_REGIONS = ("GB", "AU", "FR", "IN", "IE", "NZ", "NL", "BE", "AT", "CH", "ZA", "DE")
_COUNTRY_CODES = {region: phonenumbers.country_code_for_region(region) for region in _NATIONAL_FORMAT_REGIONS}
_PERSONAL_TYPES = frozenset({phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE,
                             phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE})


def _personal_lines(region: str) -> tuple[str, frozenset[int] | None, re.Pattern | None]:
    """The national-number lengths and pattern of fixed and mobile lines under a region's country code
    (phonenumbers' metadata, of every region sharing the code: the type of a number is read in the region it
    belongs to, +44 7624 … in the Isle of Man), each None where the metadata does not narrow it: what
    _valid_abroad checks before asking phonenumbers."""
    descs: list[Any] = []
    for sibling in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(phonenumbers.country_code_for_region(region), ()):
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(sibling)
        descs += [metadata.fixed_line, metadata.mobile] if metadata is not None else [None]
    if not descs or any(d is None or not d.national_number_pattern for d in descs):
        return region, None, None
    lengths = None if any(not d.possible_length for d in descs) else \
        frozenset(n for d in descs for n in d.possible_length)
    return region, lengths, re.compile("|".join(f"(?:{d.national_number_pattern})" for d in descs))


_NATIONAL_FORMAT_LINES = tuple(_personal_lines(region) for region in _NATIONAL_FORMAT_REGIONS)


def _valid_abroad(value: str) -> str | None:
    """The region among _NATIONAL_FORMAT_REGIONS where a national number (trunk 0) is a valid fixed or mobile
    line, or None."""
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) < 8 or digits[0] != "0" or digits[1] == "0":
        return None
    national = digits[1:]
    for region, lengths, lines in _NATIONAL_FORMAT_LINES:  # each drops the trunk 0: the rest is the national number
        # (a fixed or mobile line there has one of the lengths and shapes of its plan's fixed and mobile lines:
        # regions where it has neither are passed over before a PhoneNumber is built and validated)
        if lengths is not None and len(national) not in lengths or lines is not None and not lines.fullmatch(national):
            continue
        number = phonenumbers.PhoneNumber(country_code=_COUNTRY_CODES[region], national_number=int(digits[1:]))
        # (valid anywhere under the country code: "07911 12…" is a Guernsey mobile, dialled as a UK one)
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in _PERSONAL_TYPES:
            return region
    return None


def _phone_digits(digits: str, region: str) -> bool:
    """Digits that make a whole phone number: valid for the default region, or a national number elsewhere
    (a trunk 0 and 10–11 digits, as in the UK's, Germany's or Australia's)."""
    if not 7 <= len(digits) <= 15:
        return False
    try:
        if phonenumbers.is_valid_number(phonenumbers.parse(digits, region)):
            return True
    except phonenumbers.NumberParseException:
        pass
    return digits.startswith("0") and not digits.startswith("00") and 10 <= len(digits) <= 11


# A line of its own naming a company by its legal form, or the account's holder so ("Account name: Granta Kitchens Ltd")
# (or shown, sent or alone on its line after a colon: "myAccount shows 9763677A", "Op mijn ID-kaart staat 420738009",
# "I sent it anyway: 960182547", "It's the one on my medical card:\n\n464 147 6063")
_THE_NUMBER_BEFORE = re.compile(r"(?i)(?:\b(?:the|my|this)\s+(?:number|no\.?|one)\s+(?:is|was)|abgetippt|eingegeben|"
                                r"copied|typed|entered|shows|showed|says|said|reads|staat|sent\s+it(?:\s+anyway)?|"
                                # ("… passport … was his old one. I've updated it to 583104266", "for reference its …")
                                r"(?:updated|changed|corrected|amended)\s+it\s+to|for\s+reference,?\s+(?:it['’]?s|it\s+is)|"
                                # ("We've resubmitted with D412-7719-8830 like on your card", "It should be PA4418273")
                                r"resubmitted\s+(?:it\s+)?with|(?:it|that|this)\s+should\s+(?:be|read|say)|"
                                # ("… the NIN linked to your SIM … you gave the number on your slip as 48291037562")
                                r"(?:gave|give|gives|sent|typed|entered)\s+(?:us\s+)?(?:the|your|my|his|her)\s+number"
                                r"(?:\s+(?:on|from)\s+(?:the|your|my|his|her)\s+\w+)?\s+as)"
                                r"\s*:?\s*$|"
                                r":[ \t]*\n\s*$")
# A passport's or a licence's number by its shape (one or two capitals and 6-9 digits, or 8-10 digits, maybe in threes)
# (or digit by digit: "your passport no. as 5 6 2 0 1 8 4 3 7")
_DOCUMENT_VALUE = re.compile(r"(?<![\w/.-])(?:[A-Z]{1,2}\d{6,9}|[A-Z]\d{3}-\d{4}-\d{4}|\d{3} \d{3} \d{3}|\d{8,10}|"
                             r"\d(?: \d){7,9})(?![\w/-]|[.,]\d| \d)")
# (passports and driving licences only: an id card's or a residence permit's number has its own shapes and checks)
_DOCUMENT_NAMED = re.compile(r"(?i)\b(?:passport|driver['’]?s?\s+licen[cs]e|driving\s+licen[cs]e|licen[cs]e\s+(?:number|#)|"
                             r"permis\s+de\s+conduire|führerschein|rijbewijs|carnet\s+de\s+conducir|paspoort|passeport)")
_ITS_BEFORE = re.compile(r"(?i)\bit(?:['’]?s|\s+is)\s*:?\s*$")
_ITS_NUMBER_WORD = re.compile(r"(?i)\s*(?:no\.?|number|num\.?|#)")
_NUMBER_RECORDED_AS = re.compile(r"(?i)\b(?:number|no\.?)\s+as\s*$")
_LEGAL_NAME_LINE = re.compile(
    r"(?m)^[ \t]*(?:(?i:account\s+name|account\s+holder|beneficiary|payee|kontoinhaber(?:in)?|empfänger|titulaire|"
    r"bénéficiaire|titular|beneficiario|intestatario|beneficiário)\s*:\s*)?[^\n]{2,60}?\b(?:Ltd|Limited|LLC|Inc|GmbH|AG|"
    r"SA|SAS|SARL|S\.A\.|Lda|B\.V\.|BV|N\.V\.|NV|S\.L\.|SL|S\.r\.l\.|Srl|SpA|S\.p\.A\.|plc|LLP|Oy|AB|AS|ApS|e\.V\.|KG|"
    # (its bank after it: "Loom Works Ltd, Starling Bank")
    r"CLG|DAC|ASBL|VZW|Sp\.\s?z\s?o\.\s?o|S\.A\.S)\.?(?:,[ \t]*[^\n,]{2,40}?\b(?i:bank|banco|banque))?[ \t]*$")
_CREDITOR_NAMED_APART = re.compile(r"(?i)\s*,?\s*(?:et|and|y|und|e|en)\s+(?:le|la|the|el|der|die|o|a|de)\s+"
                                   r"(?:créancier|creditor|acreedor|gläubiger|credor|schuldeiser)\b")
# the words that name an account's holder, on a line of its own ("Account name: …") or inline ("…, account name
# Greenfield Academy, account number …")
_ACCOUNT_HOLDER_WORDS = (r"account\s+name|account\s+holder|beneficiary|payee|kontoinhaber(?:in)?|titulaire|titular|"
                         r"beneficiario|intestatario")
_ACCOUNT_NAME_LINE = re.compile(rf"(?im)^[ \t]*(?:{_ACCOUNT_HOLDER_WORDS})\s*:\s*(?P<name>[^\n]{{2,80}})$")
_ACCOUNT_NAME_INLINE = re.compile(rf"(?i)\b(?:{_ACCOUNT_HOLDER_WORDS})\s*:?\s*"
                                  r"(?P<name>(?-i:[A-Z])[\w&'’.-]*(?:[ \t]+(?-i:[A-Z])[\w&'’.-]*){0,4})\s*,")
_LEGAL_FORM_DOT = re.compile(r"(?<![^\W\d_])(?:B\.V|N\.V|S\.A|S\.p\.A|S\.L|S\.r\.l|e\.V|A\.G|P\.C|L\.L\.C|Inc|Ltd|Co|"
                             r"Corp|Pty|Sp|z o\.o)\.$")


# A Belgian structured communication (twelve digits, the last two a check): the payee issues it for a payment to them
_STRUCTURED_COMMUNICATION = re.compile(r"(\+{3}|\*{3})\d{3}/\d{4}/\d{5}\1")


def _organisation_account(text: str, start: int, end: int) -> bool:
    """An IBAN or account named as an organisation's in its sentence ("pay the invoice to our account: IBAN …,
    Voltra Energie GmbH", "Donate! IBAN … (Stichting Voedselbank)"), with nothing making it the writer's ("my",
    "refund to", "mein Konto" … in the 50 characters before)."""
    # (a company's legal form ends no sentence: "please pay Ledgerline B.V. at NL41 …")
    sentence_start = max([m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 120), start)
                          if not _LEGAL_FORM_DOT.search(text, max(0, m.start() - 8), m.start() + 1)] or
                         [max(0, start - 120)])
    following = _SENTENCE_END.search(text, end)
    sentence_end = min(following.end() if following else len(text), end + 80)  # (with its stop: "t.n.v.")
    if _ACCOUNT_OWNER.search(text, max(sentence_start, start - 50), start):
        return False
    if "+++" in text[end:sentence_end] or "***" in text[end:sentence_end]:
        if _STRUCTURED_COMMUNICATION.search(text, end, sentence_end):
            return True  # "BE47 …, avec la communication +++288/6882/15063+++": a payee's own reference for a payment
    if "\n" in text and (_LEGAL_NAME_LINE.search(text, max(0, start - 200), start) or any(
            _organisation_name(m.group("name")) for m in _ACCOUNT_NAME_LINE.finditer(text, max(0, start - 200), start))):
        return True  # "Alpenpost Medien AG\nIBAN CH43 …", "Account name: Stretford Borough Council Collection Account"
    if any(_organisation_name(m.group("name")) for m in _ACCOUNT_NAME_INLINE.finditer(text, sentence_start, start)):
        return True  # "school fees go to Coastal Bank, account name Greenfield Academy, account number 1002448819"
    if _INVOICE_PAID_TO.search(text, max(sentence_start, start - 90), start) or \
            _INVOICE_SAYS_PAY.search(text, max(sentence_start, start - 90), start):
        # "just paid invoice INV-00942 to your account …", "Payment for INV-00942 to … received", "Your invoice says to
        # pay …": the payee's
        return True
    if _YOUR_ACCOUNT.search(text, end, sentence_end) or _ADDED_AS_PAYEE.match(text, end) or \
            _CREDITOR_NAMED_APART.match(text, end):
        return False  # after it: "… 0366 — to Pana subkonto do spłat", "… added as payee for the settlement", "…, et
        # le créancier est NetFibre SAS" (the debited account; the creditor is another party)
    if _BELONGS_TO_AFTER.match(text, end) or \
            (named := _NAME_AFTER_ACCOUNT.match(text, end)) is not None and _organisation_name(named.group("name")) \
            and not _BANK_NAME.search(named.group("name")) and not _ACCOUNT_OWNER.search(text, end, sentence_end):
        # "o IBAN PT11 … é da Câmara Municipal de Vila Verde", "subs go to GB62 …, Halesowen Harriers AC"
        return True
    if text.startswith("@") and _PAID_TO_YOUR_ACCOUNT.search(text, max(sentence_start, start - 60), start):
        return True  # "@VeldMart paid via EFT to your account 4071 …": a post to the organisation, "your" is its own
    if _YOUR_ACCOUNT_BEFORE.search(text, max(sentence_start, start - 40), start):  # "se transferirá a tu cuenta ES17 …"
        return False
    if _ITS_YOURS.search(text, end, min(len(text), end + 150)):  # "… Can you confirm it's yours?": the reader's
        return False
    # ("your new business account is live: sort code …": the reader's own account at the bank, not a firm's to pay)
    cues_near = [cue for cue in _ORGANISATION_NEAR.finditer(text, sentence_start, sentence_end)
                 if not (_YOURS_BEFORE.search(text, max(0, cue.start() - 12), cue.start()) and
                         cue.group().lower().endswith("account"))]
    if not cues_near and _ORGANISATIONS_DETAILS.search(text, sentence_start, start):
        return True  # "the club's bank details for fees are sort code …": an organisation's, by its possessive
    # "Ancora nessun rimborso. IBAN …, intestato a Marta Conti": a refund asked for in the sentence before, to an
    # account held in a person's name (two capitalised words, no legal form): the writer's own
    # "… sull'IBAN …, intestato a lei", "… t.n.v. S. Bakker": held in the reader's name or a person's (initials, or
    # a name with no organisation's word or legal form), the account is that person's, whoever pays into it
    if cues_near and all(_HOLDER_IS_A_PERSON.match(text, cue.start()) and
                         not _HOLDER_IS_AN_ORGANISATION.match(text, cue.start()) or
                         _HOLDER_IS_THE_READER.match(text, cue.start()) for cue in cues_near):
        return False
    return bool(cues_near)


_PAID_TO_YOUR_ACCOUNT = re.compile(r"(?i)\b(?:i\s+)?(?:paid|sent|transferred|wired)\b[^.!?\n]{0,30}\bto\s+your\s+"
                                   r"(?:bank\s+)?account\s*:?\s*$")
_ADDED_AS_PAYEE = re.compile(r"(?i)[^.!?\n]{0,20}?\badded\s+as\s+(?:a\s+|the\s+)?(?:payee|beneficiary|recipient)")
_BELONGS_TO_AFTER = re.compile(
    r"(?i)\s*,?\s*(?:é|est|is|ist|es|è|er|är)\s+(?:da|do|de\s+la|du|of\s+the|der|des|del|della|van\s+de|van\s+het)\s+"
    r"(?-i:[A-ZÀ-Ý])")
# (a bank's name after an account is the account holder's bank: "kontonr 3021447891, Danske Bank")
_BANK_NAME = re.compile(r"(?i)\b(?:bank|banco|banque|banca|sparkasse|volksbank|caixa|caja|kasa|pankki|bancorp)\b")
_NAME_AFTER_ACCOUNT = re.compile(r"\s*[,(]\s*(?P<name>[A-ZÀ-Ý][\w&'’.-]*(?:[^\S\n]+[\w&'’.-]+){0,4})\s*(?:[,.;)]|$)")
# What an invoice, bill or letter says to pay to: its sender's account ("Your invoice says to pay GB16 …")
_INVOICE_SAYS_PAY = re.compile(
    r"(?i)\b(?:invoice|bill|letter|statement|notice|reminder)\b[^.!?\n]{0,30}?\b(?:(?:says|said|asks|asked|tells|told)\s+"
    r"(?:me\s+|us\s+)?to\s+(?:pay|transfer|send)|can\s+be\s+paid\s+(?:in)?to)\b[^.!?\n\d]{0,25}$")
# An invoice paid to the account: the account is the invoice's payee's, an organisation's
_INVOICE_PAID_TO = re.compile(
    r"(?i)\b(?:paid|pay|payment|transfer(?:red)?|sent)\b[^.!?\n]{0,40}?\b(?:invoice|inv)\b[^.!?\n]{0,30}?\bto\s+"
    r"(?:(?:your|our|the)\s+(?:bank\s+)?account\s+)?(?:(?:sort\s+code|account|acc(?:oun)?t\.?\s+no\.?)\s*:?\s*)?$")
# an account's holder named as a person after "in the name of" ("intestato a Marta Conti", "t.n.v. J. de Vries")
# (or as the transfer's recipient, "Empfänger: Jens Albers, IBAN …")
_IN_THE_NAME_OF = (r"(?i:intestat[oa]\s+a|ten\s+name\s+van|t\.n\.v\.|tnv|à\s+l['’]ordre\s+de|in\s+the\s+name\s+of|"
                   r"a\s+nombre\s+de|em\s+nome\s+de|auf\s+den\s+namen|(?:zahlungs)?empfänger\s*:|payee\s*:|"
                   r"beneficiary\s*:|bénéficiaire\s*:|beneficiario\s*:|δικαιούχος\s*:?|получатель\s*:?|"
                   r"отримувач\s*:?)\s*")
_HOLDER_IS_A_PERSON = re.compile(
    _IN_THE_NAME_OF +
    rf"(?:[{_CAPITAL}](?:[a-zà-ÿ'’-]+|\.(?:\s?[{_CAPITAL}]\.)*)\s+(?:(?:de|van|der|da|di|del|von)\s+)*"
    rf"[{_CAPITAL}][a-zà-ÿ'’-]+"
    # (a first name and a surname in Greek or Cyrillic letters: "δικαιούχος Γιώργος Παπαδάκης")
    r"|[Α-ΩΆΈΉΊΌΎΏ][α-ωάέήίόύώϊϋΐΰς]+\s+[Α-ΩΆΈΉΊΌΎΏ][α-ωάέήίόύώϊϋΐΰς]+"
    r"|[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+\s+[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+)"
    rf"(?![\w&]|\s+{cues.pattern(cues.LEGAL_FORMS)}(?![\w-]))")


_YOURS_BEFORE = re.compile(r"(?i)\byour\s+(?:new\s+|own\s+)?$")
# an organisation's bank details by its possessive ("the club's bank details", "the scheme's bank account"); not a
# person's ("the landlord's", "the seller's", "my wife's")
_ORGANISATIONS_DETAILS = re.compile(
    r"(?i)\bthe\s+(?!(?:customer|tenant|buyer|seller|landlord|landlady|person|user|member|patient|client|holder|owner|"
    r"payee|sender|recipient|builder|wife|husband|partner|mum|dad|mother|father|son|daughter|friend|brother|sister|"
    r"student|child|kid|guy|lady|man|woman)['’]s)[a-z]+['’]s\s+(?:bank\s+details|bank\s+account|account\s+details|"
    r"payment\s+details|bank\s+info)\b")
# the reader asked whether the account is theirs: "can you confirm it's yours", "is that still yours?"
_ITS_YOURS = re.compile(r"(?i)\b(?:it['’]s|it\s+is|is\s+it|that['’]s|is\s+that|is\s+this)\s+(?:still\s+)?yours\b")
# (a town's, a council's or a foundation's name is two capitalised words too: "t.n.v. Gemeente Utrecht")
_HOLDER_IS_AN_ORGANISATION = re.compile(
    _IN_THE_NAME_OF + r"(?:\w+\s+){0,2}"
    r"(?i:gemeente|comune|ayuntamiento|city|council|county|fondazione|fundación|fundação|stichting|vereniging|"
    r"associazione|asociación|associação|association|club|school|scuola|colegio|hospital|ospedale|universit\w*|"
    r"parrocchia|parroquia|church|kerk|verein|stiftung|stadt|gemeinde|circolo|societ[àa]|sociedad|sportverein|"
    r"comunidad|condominio|vve|kommune|kommun)(?![\w-])"
    # (or a name with a company's legal form: "t.n.v. Fietsenmaker De Spaak BV")
    rf"|{_IN_THE_NAME_OF}(?:[\w&'’.-]+\s+){{0,4}}(?-i:{cues.pattern(cues.LEGAL_FORMS)})(?![\w-])")
# an account held in the reader's name: "intestato a lei", "a su nombre", "in your name", "op uw naam"
_HOLDER_IS_THE_READER = re.compile(
    # (or the writer's: "intestato a me")
    r"(?i)(?:intestat[oa]\s+a\s+(?:lei|te|voi|me)|a\s+(?:su|tu|mi)\s+nombre|in\s+(?:your|my)\s+name|"
    r"op\s+(?:uw|jouw|mijn)\s+naam|"
    r"auf\s+(?:ihren|deinen)\s+namen|à\s+votre\s+nom|em\s+seu\s+nome)(?![\w-])")


# The customer's own account named so after the value in its sentence, by a possessive addressing them: a member's
# sub-account at a credit union or a loan's repayment account is theirs though an organisation is paid into it
_YOUR_ACCOUNT = re.compile(
    r"(?i)(?<![\w-])(?:your|ihr|ihre|ihrem|ihres|dein|deine|deinem|pana|pani|państwa|votre|su|tu|sua|seu|uw|ditt|"
    r"din)\s+(?:[\w-]+\s+)?(?:account|acct|sub-?account|konto|unterkonto|subkonto|rachunek|compte|sous-compte|cuenta|"
    r"subcuenta|conto|conta|rekening)(?![\w-])"
    # (not "quoting your account number", "ref: your account no.": the customer's number as the payment's reference)
    r"(?!\.?\s*(?:number|no\b|nr\b|#|numer|nummer|numéro|número|numero|ref\b|reference|referencia|référence))")


# … or right before it, only its label between: the reader's account, whatever organisation pays into it
_YOUR_ACCOUNT_BEFORE = re.compile(_YOUR_ACCOUNT.pattern + r"[\s:,(]*(?:(?:iban|ibán)[\s:]*)?$")


# (and a family firm's name: "Whitaker & Sons, 812 Church St", "Brody and Daughters, …")
_LEGAL_NAME_BEFORE = re.compile(
    rf"(?-i:\b[{_CAPITAL}][\w&'’.-]*\s+(?:{cues.pattern(cues.LEGAL_FORMS)}|(?:&|and)\s+(?:Sons?|Daughters?|"
    r"Partners|Associates|Brothers|Bros\.?|Co\.?)(?![\w-])"
    # a firm named by its trade ("Harborline Claims, 400 Commerce Blvd", "HaulRight Movers, 900 Industrial Pkwy")
    r"|(?:Claims|Insurance|Assurance|Movers|Removals|Services|Solutions|Logistics|Plumbing|Roofing|Electrical|"
    r"Realty|Properties|Lettings|Motors|Dental|Bank|Holdings|Group|Storage|Florists?|Couriers?|Freight)"
    # (its tax or registration number may stand between: "Harbourline Insurance Co., EIN 84-3920175, 200 Market St")
    r"(?![\w-])))[\s,:;–-]*(?:(?:EIN|TIN|VAT|ABN|ACN|CRN|NIF|CIF|SIRET|KvK|USt-IdNr\.?|P\.?\s?IVA|Partita\s+IVA)"
    r"(?:\s+(?:no\.?|number|#))?"
    r"[\s:]*[\dA-Z][\dA-Z -]{4,18}[\dA-Z],\s*)?$")
# A firm named right before an address, "at" or "on" between them (for addresses only): a family firm's "& Co"
# ("Spokes & Co at …"), a trade's or a venue's name ("Brightwell Cleaners, …", "Little Acorns Nursery is at …",
# "Wildcrest Adventure Park, …"), a brand written in one word with an inner capital ("FixRight at …", "GameFix,
# …"; not a Mc/Mac/O' surname), a name with "The" ("The Grand on …", "at The Daily Ledger, …"; not a family's "The
# Okafors")
_FIRM_NAME_BEFORE = re.compile(
    rf"(?-i:(?:\b[{_CAPITAL}][\w'’.-]*\s+(?:&|and)\s+Co\.?"
    rf"|\b[{_CAPITAL}][\w'’-]*\s+(?:Cleaners|Cleaning|Locksmiths|Repairs|Appliances|Spaces|Nursery|Academy|"
    r"Hotel|Hostel|Cinema|Theatre|Studios?|Fitness|Gym|Bakery|Caf[eé]|Kitchen|Garage|Salon|Barbers|Opticians|"
    r"Veterinary|Surgery|Clinic|Hospital|Care\s+Home|Nursing\s+Home|Adventure\s+Park|Leisure\s+Centre|Arena)"
    rf"|\b(?!Mc|Mac|De|Di|Da|La|Le|Van|Von)[{_CAPITAL}][a-zà-ÿ]+[{_CAPITAL}][a-zà-ÿ]+"
    rf"|\bThe\s+(?:[{_CAPITAL}][\w'’-]+\s+){{0,2}}[{_CAPITAL}][\w'’-]*[^\W\ds])"
    r"(?:\s+(?:is|are)\s+at|\s+at|\s+on)?[\s,:;(–-]*)$")
_NAMED_PLACE_BEFORE = re.compile(rf"(?-i:\b[{_CAPITAL}][\w&'’.-]+)\s*\(\s*$")
# "write to the governor at the State Capitol, 1 Capitol Square": a building named with "the" and capitals right
# before it (not a family, "the Okafors, 12 …")
_NAMED_BUILDING_BEFORE = re.compile(
    rf"(?-i:\b(?:at|to|in|from)\s+the\s+(?:[{_CAPITAL}][\w'’-]+\s+){{0,3}}[{_CAPITAL}][\w'’-]*[^\W\ds])\s*,\s*$")
_NOT_WHERE_HINT = re.compile(r"habite|wohne|vivo|abito|moro|woon")
_NOT_WHERE_I_LIVE = re.compile(
    r"(?i)\b(?:i|we)\s+(?:don['’]?t|do\s+not|never|no\s+longer)\s+(?:live|lived|reside)\s+(?:at|in|on)\b|"
    r"\bnot\s+(?:my|our)\s+(?:address|house|home)\b|\bj['’]habite\s+pas\b|\bwohne\s+(?:nicht|nie)\b|"
    r"\bno\s+vivo\s+en\b|\bnon\s+abito\b|\bn[ãa]o\s+moro\b|\bwoon\s+niet\b")


def _place_mention(text: str, start: int, end: int) -> bool:
    """A bare street address (no unit, city or postcode) after "at", "near", "outside" …, and nothing making it
    the writer's: "the card reader at 55 King St is broken" names a place, not where someone lives. ("We're at 14
    High St, …, open 8–6": a practice's "we", when the sentence tells its opening hours.)"""
    window = text[max(0, start - 40):start]
    if _VISIT_BEFORE.search(text, max(0, start - 80), start) or _TOWN_POSTCODE_AFTER.match(text, end) or \
            _PROVINCE_POSTCODE_AFTER.match(text, end) or re.match(r"\d{1,5}-\d{1,5}\s", text[start:end]):
        return False  # "the technician will arrive at …", "… 7 Rimu Place, Tauranga 3110", "… 406-1120 Bay St,
        # Toronto ON M5S 2A9": a home, no bare place
    owners = [m.group() for m in _ADDRESS_OWNER.finditer(window)]
    if owners and all(o[:2].lower() == "we" for o in owners):
        after = text[end:_after_in_clause(text, end, 100)]
        if _OPEN_AFTER.search(after) or _BUSINESS_HOURS.search(after):
            owners = []
    return _PLACE_BEFORE.search(window) is not None and not owners and _OWNER_CUE.search(window) is None


# A tradesperson or an install visiting the reader: "your technician will arrive at …", "meter install is booked at …"
_VISIT_BEFORE = re.compile(
    r"(?i)\b(?:engineer|technician|tech|installer|fitter|plumber|electrician|surveyor|inspector|install|installation|"
    r"meter\s+reader|repair\s*(?:wo)?man|handyman)\b[^.!?\n]{0,40}?\b(?:at|to)\s+$|"
    # (or a courier waiting there: "our rider is at 14 Adebayo Street, … but the gate is locked")
    r"\b(?:courier|rider|driver|delivery\s+(?:guy|man|person|agent))\s+(?:is|was|are|were|['’]s)\s+"
    r"(?:\w+\s+)?(?:at|outside)\s+$")
# a town and a four-digit postcode after a street (New Zealand, South Africa, Australia …): "…, Tauranga 3110",
# "…, Durbanville, Cape Town 7550" (not a year: "…, Leeds 2024")
_TOWN_POSTCODE_AFTER = re.compile(
    r",\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:,\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?\s+(?!19\d\d|20\d\d)\d{4}\b")
_OPEN_AFTER = re.compile(r"(?i)\b(?:open|opens|opening hours|closed|closes)\b")
# a province or state and its postcode after the town: "…, Toronto ON M5S 2A9", "…, Boise ID 83702"
_PROVINCE_POSTCODE_AFTER = re.compile(r"(?:,\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?,?\s+[A-Z]{2}\s+"
                                      r"(?:[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{5}(?:-\d{4})?)\b")


# "Dr. Amin will call you about the clinic's estimate at …": the number a person is called on, whatever its clause names
_CALLS_A_PERSON = re.compile(r"(?i)\b(?:call|ring|phone|text|reach|contact)\w*\s+(?:you|him|her|them)\b")


def _calls_a_person(text: str, begin: int = 0, end: int | None = None) -> re.Match | None:
    """_CALLS_A_PERSON between begin and end; "them" after a business's place in the 100 characters before it is the
    business ("Our Houston store … is open till 9 tonight; you can also call them at …"), no person."""
    end = len(text) if end is None else end
    for match in _CALLS_A_PERSON.finditer(text, begin, end):
        if not (match.group().lower().endswith("them") and
                _BUSINESS_PLACE_ANY.search(text, max(0, match.start() - 100), match.start())):
            return match
    return None


# A place's opening hours, in any of several languages: a range of weekdays ("Mon–Fri", "du lundi au samedi",
# "de segunda a sábado", "pon.–pt.", "hétfőtől péntekig", "mandag–fredag", "Senin–Sabtu"), a range of hours with
# its units ("9:00–17:30", "7am–7pm", "8–16 Uhr", "9h-18h", "10時〜20時", "오전 8시~오후 9시"), or a word for
# opening hours or for a line open round the clock ("Öffnungszeiten", "horario", "営業時間", "dygnet runt", "24/7")
# (abbreviations joined by a dash: "Mo–Fr", "pon.–pt.", "di–za"; whole names also by a word: "Monday to Friday",
# "du lundi au samedi", "de segunda a sábado")
_WEEKDAY_SHORT = (r"(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim|"
                  r"mié|jue|vie|sáb|sab|dom|seg|ter|qua|qui|sex|ma|wo|vr|za|zo|pon|pn|wt|śr|czw|pt|sob|ndz|po|út|st|"
                  r"čt|pá|må|mån|tis|ons|tor|fre|lör|sön|man|tir|lø|søn|ti|ke|pe|su|pzt|sal|çar|per|cum|cmt|paz|h|"
                  r"sze|p|szo)")
_WEEKDAY_NAME = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"
                 r"freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|"
                 r"jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|segunda|terça|"
                 r"quarta|quinta|sexta|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|poniedziałek|"
                 r"piątek|sobota|måndag|fredag|lördag|mandag|lørdag|maanantai|perjantai|pazartesi|cuma|cumartesi|"
                 r"hétfő|péntek|szombat|luni|vineri|sâmbătă|senin|jumat|sabtu|minggu|pondělí|pátek|sobota)")
# Hours with their units ("9:00–17:30", "9h-18h", "8–16 Uhr"), or an opening word ("open", "Öffnungszeiten" …): a
# place's, in both tests below
_HOURS_WITH_UNITS_OR_OPEN = (
    r"|\b\d{1,2}(?:[:.h]\d{2})?\s*(?:h|uhr|am|pm|a\.m\.|p\.m\.)?\s*(?:-|–|—|to|till|until|bis|à|às|a|alle|do|til|tot)\s*"
    r"\d{1,2}(?:[:.h]\d{2})?\s*(?:h|uhr|am|pm|a\.m\.|p\.m\.|óráig|ig)\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:-|–|—|to|till|until|bis|à|a|alle|do|až|до)\s*\d{1,2}[:.]\d{2}\b"
    # ("open" of a place, not a state: "the gate at the side is open" gives no hours, "is open until 8" does)
    r"|(?<!\bis\s)(?<!\bwas\s)(?<!\bleft\s)\bopen\b|\bis\s+open\s+(?=until|till|from|daily|every|on\b|at\b|\d|7\s+days)"
    r"|\b(?:opens|opening\s+hours|lines\s+open|öffnungszeiten|geöffnet|ouvert|horaires?|horario|abierto|orari|"
    r"aperto|openingstijden|geopend|godziny\s+otwarcia|czynne|öppettider|öppet|åbningstider|åbent|åpningstider|"
    r"åpent|aukioloajat|avoinna|çalışma\s+saatleri|nyitvatartás|otevírací\s+doba|buka|dygnet\s+runt|"
    r"rund\s+um\s+die\s+uhr|24/7|24\s*h|24\s+hours|24\s+horas|24\s+ore)\b")
# (a place's opening hours named in Chinese as in Japanese and Korean: "营业时间", "營業時間"; a span of weekdays,
# "月〜金", "周一至周五", is said of when a person is in too)
_OPENING_IN_HAN = r"営業時間|营业时间|營業時間"
_HOURS_IN_SCRIPTS = (r"|שעות\s+פתיחה|[0-9]+時\s*[〜~～-]\s*[0-9]+時|(?:오전|오후)\s*\d{1,2}시\s*[〜~～-]|बजे\s+तक|"
                     + _OPENING_IN_HAN)
_PLACE_HOURS = re.compile(
    rf"(?i)(?<![\w-]){_WEEKDAY_SHORT}\.?\s*[-–—]\s*{_WEEKDAY_SHORT}\b"
    rf"|(?<![\w-]){_WEEKDAY_NAME}s?\s*(?:[-–—]|to|a|à|au|al|bis|t/m|tot|do|till|til|até|ao|a\s+la)\s*{_WEEKDAY_NAME}"
    r"|\bhétfőtől\s+\w+ig\b|\b(?:weekdays|vardagar|hverdage|hverdager|werktags|werkdagen|laborables|feriali|"
    r"giorni\s+feriali|dias\s+úteis|hétköznap\w*|dni\s+robocze|arkisin|hafta\s+içi)\b"
    + _HOURS_WITH_UNITS_OR_OPEN +
    r"|営業時間|平日|定休|영업시간|평일|เวลาทำการ|เปิด" + _HOURS_IN_SCRIPTS)
# A place's opening hours as only a place gives them: an opening word ("open", "Öffnungszeiten", "営業時間" …), hours
# with their units ("9:00–17:30", "9h-18h", "8–16 Uhr", "10時〜20時"), or days followed by hours ("pon.–pt. 10–18");
# not "weekdays" or "Mon–Fri" alone, which a person says of when they are in
_PLACE_HOURS_STRONG = re.compile(
    rf"(?i)(?<![\w-]){_WEEKDAY_SHORT}\.?\s*[-–—]\s*{_WEEKDAY_SHORT}\.?,?\s+\d{{1,2}}(?:[:.]\d{{2}})?\s*[-–—]\s*\d"
    + _HOURS_WITH_UNITS_OR_OPEN +
    r"|営業時間|定休|영업시간|เวลาทำการ" + _HOURS_IN_SCRIPTS)
# The writer's or a person's own, in the sentence of a number: "me", "my", "I", "at home" in several languages
_A_PERSONS_WORDS = re.compile(
    # ("ME 04101" is Maine and its ZIP code, no "me")
    r"(?i)\b(?:me(?!\s+\d{5}\b)|my|mine|myself|mein|meine|meiner|meinem|mich|mir|moi|mis|mio|mia|meu|minha|mij|mijn|"
    r"mnie|mój|moja|moje|mig|mitt|mina|minun|benim|bana|saya|aku|můj|mé|mého|mea|meu|nekem|engem|at\s+home|zu\s+hause|à\s+la\s+maison|en\s+casa|thuis|hemma|"
    r"hjemme|w\s+domu|his|her|him|husband|wife|daughter|mum|mom|dad|mother|father)\b|"
    # ("Mon–Fri", "Mi 8–12 Uhr" are days: the French and Spanish "my" in lower case, or before what they own)
    r"(?-i:\b(?:I|I['’]m|mon|mi)\b)|\b(?:Mon|Mi)\s+(?:num|tel|tél|port|fij|móv|cel|casa|adres)|"
    r"मुझे|मेरा|मेरी")
# "the number on the sign …", "their phone on the app is …", "the number from their website": a number read off
# something the organisation published
_PUBLISHED_LINE_BEFORE = re.compile(
    r"(?i)\b(?:number|phone|line|tel)\s+(?:(?:listed|printed|given|shown)\s+)?(?:on|from|in)\s+(?:the|their|its|his|her)\s+"
    r"(?:sign|signs|board|website|site|app|van|truck|door|window|leaflet|flyer|card|business\s+card|poster|listing|"
    r"google(?:\s+maps)?|receipt|menu|box|packaging|invoice|letterhead|letter|notice|bill|statement)\b[^.!?\n\d]{0,14}$|"
    # ("the home library leaflet says to call …", "the notice on the lamppost says ring …")
    r"\b(?:sign|board|website|site|app|leaflet|flyer|poster|letter|notice|receipt|invoice|bill|statement|email|"
    r"e-mail|brochure)\b[^.!?\n\d]{0,30}?\b(?:says?|said|tells?\s+(?:me|us)|gives?)\s+(?:to\s+)?"
    r"(?:call|ring|phone|dial|text|contact)?\s*:?\s*$")
# … or named so right after it: "Su teléfono es 914 263 587 según la web", "their number is … per their website",
# "… laut ihrer Webseite", "… d'après leur site"
_PUBLISHED_LINE_AFTER = re.compile(
    r"(?i)[\s,(]*(?:(?:as\s+)?(?:listed|printed|shown|given)\s+)?(?:per|as\s+per|according\s+to|from|on|off|"
    r"según|segun|conforme|laut|gemäß|d['’]après|selon|secondo|volgens|segundo|enligt|ifølge|iflg\.?)\s+"
    r"(?:(?:the|their|its|la|su|sus|el|ihrer|ihre|seiner|der|die|leur|le|il|loro|hun|de|deres|sin|seu|sua|o|a)\s+)?"
    r"(?:(?:own|official|oficial|offizielle\w*|officiel(?:le)?|ufficiale)\s+)?"
    r"(?:website|web|web\s*site|site(?:\s+web|\s+internet)?|página(?:\s+web)?|pagina(?:\s+web)?|sito(?:\s+web)?|"
    r"webseite|homepage|internetseite|hjemmeside|hemsida|app|google(?:\s+maps)?|listing|sign|flyer|"
    r"leaflet|anuncio|anzeige|annonce|facebook|instagram)(?![\w-])")
# "number it came from was …", "it came from …", "the text was sent from …": the sender of what the writer received
_CAME_FROM = re.compile(
    r"(?i)\b(?:came|come|comes|was\s+sent|were\s+sent)\s+from\s*(?:(?:was|is)\s*)?:?\s*$")
# A text's country, to read a place's line there: its language told by its commonest words (privacy_cues
# LANGUAGE_MARKS, and a few for languages without a phone-line table), and that language's countries
_MORE_MARKS = {"sv": ("till", "för", "med", "alla", "varje", "vår", "finns"), "pt": ("para", "em", "até", "fica", "loja"),
               "da": ("vores", "med", "for", "alle"), "no": ("vår", "med", "for", "alle"), "nl": ("aan", "zit", "onze")}
_HOME_LANGUAGES = tuple(
    (frozenset(cues.LANGUAGE_MARKS[lang] + _MORE_MARKS.get(lang, ())), cues.LINE_REGIONS[lang])
    for lang in cues.LINE_REGIONS) + (
    (frozenset(("der", "die", "das", "und", "ist", "wir", "sie", "nicht", "bitte", "unter", "uhr", "ihre", "ab", "mit",
                "für", "bei", "von", "zu", "im", "am", "ihr", "ihrer", "ihren", "ihrem", "oder", "auf", "eine", "bis",
                "sind", "wird", "uns")),
     ("DE", "AT", "CH")),
    (frozenset(("le", "la", "les", "et", "est", "vous", "nous", "du", "au", "des", "une", "notre", "bonjour", "à", "pour",
                "sur", "avec")), ("FR", "BE", "CH")),
    (frozenset(("je", "na", "se", "prosím", "dobrý", "den", "nebo", "adrese", "děkuji")), ("CZ", "SK")),
    (frozenset(("és", "az", "napot", "címe", "kérem", "köszönöm")), ("HU",)),
    (frozenset(("și", "este", "pe", "din", "ziua", "bună", "vă")), ("RO",)),
    (frozenset(("ada", "kami", "dan", "yang", "anda", "di", "buka", "halo")), ("ID",)),
    # Hindi in Latin letters ("refund nahi aaya, call karo 98204 …"): an Indian mobile, not a UK premium line
    (frozenset(("hai", "nahi", "nahin", "karo", "kar", "mera", "meri", "mujhe", "abhi", "tak", "aaya", "kya", "bhai",
                "bhaiya", "haan", "gaya", "kyun", "yaar", "wala", "wali", "batao", "hua", "paise", "karna")), ("IN",)),
    # Indian English, by its forms of address and its cities' and addresses' words ("Hello Meera ji, … H.No. 14-2-337,
    # Begum Bazar, Hyderabad 500012 …"): an Indian mobile, not a UK premium line
    (frozenset(("ji", "kindly", "pincode", "lakh", "crore", "sector", "nagar", "colony", "layout", "delhi", "mumbai",
                "bengaluru", "bangalore", "hyderabad", "chennai", "kolkata", "pune", "noida", "gurgaon", "gurugram",
                "ahmedabad", "jaipur", "lucknow", "chandigarh")), ("IN",)),
    # Tagalog and Taglish ("0917 582 3340 po, after 5pm lang"): a Philippine mobile, not another country's freephone
    (frozenset(("po", "lang", "naman", "kasi", "yung", "ako", "talaga", "sana", "paki", "salamat", "opo", "ba", "din")),
     ("PH",)),
    # Nigerian Pidgin ("abeg my line na 0803 …"): a Nigerian mobile, not a New Zealand freephone
    (frozenset(("abeg", "dey", "wetin", "don", "una", "oga", "sef", "abi", "shey", "wahala", "comot", "wey", "sabi",
                "dem", "na", "don", "pikin", "chop", "lagos", "abuja", "surulere", "ikeja", "lekki", "naija",
                "ibadan", "kano", "yaba")), ("NG",)),
)
_FIXED = phonenumbers.PhoneNumberType.FIXED_LINE


# The phone path's window searches of long case-blind alternations, tried only at the words that may start a match
# (_AtWordStarts: the same matches)
_NOT_A_LINE_BEFORE_AT_WORDS, _CALLED_BY_AT_WORDS, _SOMEONES_LINE_AT_WORDS, _PERSONAL_LINE_AT_WORDS, \
    _BUSINESS_POSSESSIVE_LINE_AT_WORDS, _PHONE_SENDER_AT_WORDS, _CAME_FROM_AT_WORDS, _BUSINESS_PLACE_PHONE_AT_WORDS, \
    _PUBLISHED_LINE_BEFORE_AT_WORDS, _CALLED_ON_AT_WORDS, _BANK_WORDS_AT_WORDS = map(_AtWordStarts, (
        _NOT_A_LINE_BEFORE, _CALLED_BY, _SOMEONES_LINE, _PERSONAL_LINE, _BUSINESS_POSSESSIVE_LINE, _PHONE_SENDER,
        _CAME_FROM, _BUSINESS_PLACE_PHONE, _PUBLISHED_LINE_BEFORE, _CALLED_ON, _BANK_WORDS))


def _cues_at_words(cues: _Cues) -> _Cues:
    """The same cues, each pattern searched at word starts (_AtWordStarts) where it can be."""
    base, abroad = (_AtWordStarts(p) if isinstance(p, re.Pattern) and p is not _NEVER else p
                    for p in (cues.base, cues.abroad))
    return _Cues(base, abroad, cues.gate, cues.base_gate)


_REFERENCE_WORDS_AT_WORDS, _REFERENCE_NUMBER_AT_WORDS, _SERVICE_LINE_BEFORE_AT_WORDS = \
    map(_cues_at_words, (_REFERENCE_WORDS, _REFERENCE_NUMBER, _SERVICE_LINE_BEFORE))


def _home_regions(words: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The countries of the text's language, told by two or more of its commonest words; () when none is."""
    best = max(_HOME_LANGUAGES, key=lambda lang: len(lang[0].intersection(words)))
    return best[1] if len(best[0].intersection(words)) >= 2 else ()


def _line_kind(value: str, regions: Sequence[str], text: str) -> str:
    """'fixed' or 'mobile' by the number's own country (its country code; else the text's script's or
    language's countries, the one whose national format it has, then the default region: the first where
    phonenumbers holds it valid), 'either' for a plan that does not tell them apart (the US's), '' when it is
    valid in none of them ("0176 …" in a German text is a German mobile, not a line of another country)."""
    if value.lstrip("(").startswith("+"):
        try:
            return _KIND_NAMES.get(_type_of(value, None), "")
        except phonenumbers.NumberParseException:
            return ""
    home = _home_regions(_words_of(text))
    script = () if text.isascii() else \
        tuple(region for pattern, region in _SCRIPT_REGIONS if pattern.search(text))[:1]
    # (an English text's number is read where its format says, then in the default region: "(805) …" is American,
    # "0113 …" British)
    for region in dict.fromkeys((*script, *home, *regions, *_ENGLISH_HOMES)):
        try:
            number = _parsed(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number_for_region(number, region):
            return _KIND_NAMES.get(_type_of(value, region), "")
    return ""


_ENGLISH_HOMES = ("GB", "IE", "AU", "NZ", "ZA")
_KIND_NAMES = {_FIXED: "fixed", phonenumbers.PhoneNumberType.MOBILE: "mobile",
               phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "either"}


# "our" in languages without a table of their own: Indonesian, Czech and Slovak (and their "us", "nás"), Romanian,
# Hungarian's "-unk/-ünk" places
_OUR_ELSEWHERE = re.compile(r"(?i)\b(?:kami|naše|náš|našem|naší|naši|naša|našej|našu|nás|nostru|noastră|noastre|"
                            r"\w+(?:unk|ünk))\b")
# "our" and "this shop" in other scripts: Hindi's हमारा, Japanese 当店/弊社/当院 (this clinic), Korean 저희/우리, Thai ของเรา, Hebrew שלנו
_OUR_IN_SCRIPTS = re.compile("हमार[ाीे]|当店|弊社|当社|当院|当館|저희|우리\\s*(?:매장|가게|회사|센터)|ของเรา|שלנו|"
                             # (Russian and Ukrainian "our", "us": "Наш кінотеатр", "Наша прачечная", "у нас")
                             "(?i:(?<![\\w-])(?:наш|наша|наше|наши|нашу|нашей|нашего|нашій|нашого|нас)(?![\\w-]))")
# A business's place right before a number in a text of another script: "ติดต่อโรงแรม 02-…" (contact the hotel),
# "本社 03-…", "매장 02-…"
_SCRIPT_PLACE_THEN_LINE = re.compile(rf"(?:{_SCRIPT_BUSINESS.pattern})[^\d、。,，：:！？!?\n]{{0,6}}[:：]?\s*$")


def _place_contact_line(text: str, start: int, end: int, places: Sequence[tuple[Finding, bool]],
                        regions: Callable[[], Sequence[str]]) -> bool:
    """A number among a place's details: a fixed line beside an address found public, or with two of a street
    address beside it (not given as the writer's), the place's opening hours near, a business's place or "our"
    before it ("Toy Tower, 18 Briggate, Leeds LS1 6HD, phone 0113 …, open 9–8", "Filiale: Marktplatz 3, 72070 Tübingen,
    Tel. 07071 …", "Vår akutmottagning nås på 031-… dygnet runt"); a line a plan does not tell from a mobile (the
    US's) needs one more. Never a mobile, one named as a landline or home phone, nor when the writer or another
    person is named in its sentence ("call me", "my", "my husband's"): a name, an address, a landline and the hours
    someone is in may be a person's. regions: gives the countries it is read in, asked only at the end (it parses
    the number in several)."""
    begin = _clause_before(text, start, 150)
    stop = text.find(".", end, end + 100)
    stop = end + 100 if stop < 0 else stop
    if _read_back(text, start) or \
            _A_PERSONS_WORDS.search(text, begin, min(stop, end + 60)) or _calls_a_person(text, begin, start) or \
            _WILL_CALL.search(text, begin, start) or _PERSONAL_LINE_AT_WORDS.search(text, max(0, start - 30), start):
        return False  # (… or named as a mobile, a landline, a home phone: "Home phone 0113 …", "fixe 04 …")
    near = [public for p, public in places if (0 <= start - p.end <= 120 or 0 <= p.start - end <= 60) and
            _ADDRESS_OWNER.search(text, max(0, p.start - 40), p.start) is None and _HOME_AFTER.match(text, p.end) is None]
    hours = _PLACE_HOURS.search(text, max(0, start - 120), min(len(text), end + 120)) is not None
    if not (near or hours):
        return False
    organisation = _BUSINESS_PLACE_ANY.search(text, max(0, start - 250), start) is not None or \
        _OUR_WORD.search(text, max(0, start - 250), start) is not None or \
        _OUR_ELSEWHERE.search(text, max(0, start - 250), start) is not None or \
        not text.isascii() and (_SCRIPT_BUSINESS.search(text, max(0, start - 250), start) is not None or
                                _OUR_IN_SCRIPTS.search(text, max(0, start - 250), start) is not None)
    # (an address found public counts twice: its own rule already made it a business's; without one or an
    # organisation named, the hours are as only a place gives them: a person's address and the hours they are in
    # are no place's)
    evidence = (2 if any(near) else 1 if near else 0) + hours + organisation
    if evidence < 2 or not (any(near) or organisation or _PLACE_HOURS_STRONG.search(
            text, max(0, start - 120), min(len(text), end + 120))):
        return False
    kind = _line_kind(text[start:end], regions(), text)
    return kind == "fixed" or kind in ("either", "") and evidence >= 3


# A place's opening or office hours named anywhere in the clause before a line ("Außerhalb der Öffnungszeiten
# erreichen Sie den Notdienst unter …", "En dehors des heures d'ouverture, appelez la permanence au …"): only a
# place has them, so the line is its own or its out-of-hours service's
_OPENING_HOURS_NAMED = re.compile(
    r"(?i)\b(?:opening|office|business|surgery|clinic|working)\s+hours\b|öffnungszeit\w*|geschäftszeit\w*|"
    r"sprechzeit\w*|bürozeit\w*|heures\s+d['’]ouverture|heures\s+de\s+bureau|horaires?\s+d['’]ouverture|"
    r"horario\s+(?:de\s+)?(?:apertura|atención|oficina)|fuera\s+de\s+horario|orari[oe]?\s+(?:di\s+)?(?:apertura|"
    r"ufficio)|fuori\s+orario|openingstijd\w*|kantooruren|godzin\w*\s+(?:otwarcia|pracy)|öppettider\w*|"
    r"kontorstid\w*|åbningstid\w*|åpningstid\w*|aukioloa\w*|horário\s+de\s+(?:funcionamento|atendimento)|"
    r"otevírací\w*\s+dob\w*|çalışma\s+saatleri\w*|mesai\s+saatleri\w*")


# Anyone at all who may want it: "if anyone needs it", "in case you're looking", "falls jemand sucht", "por si a
# alguien le sirve", "hvis nogen skal bruge dem", "om någon undrar", "voor wie het wil", "se qualcuno ne ha bisogno"
_ANYONE_GATE = ("anyone", "anybody", "someone", "somebody", "in case you", "jemand", "alguien", "alguém", "nogen",
                "någon", "noen", "qualcuno", "quelqu", "iemand", "voor wie", "ktoś", "komuś", "kogoś", "biri", "joku",
                "jos joku", "kdyby někdo", "někdo", "ใคร")
_ANYONE_WANTS = re.compile(
    r"(?i)\b(?:if|in\s+case|should)\s+(?:anyone|anybody|someone|somebody)\s+(?:else\s+)?(?:needs?|wants?|is\s+looking|"
    r"looks?|wonders?|asks?|is\s+interested|interested|fancies|could\s+use|can\s+use)\b|"
    r"\bin\s+case\s+(?:you['’]re|you\s+are|anyone['’]s|anyone\s+is)\s+(?:looking|interested|wondering)\b|"
    r"\bfor\s+(?:anyone|anybody)\s+(?:who|that)?\s*(?:needs?|wants?|is\s+looking|interested)\b|"
    r"\b(?:falls|wenn)\s+(?:jemand|ihr)\s+(?:\w+\s+){0,2}?(?:sucht|braucht|suchen|braucht|interessiert)\b|"
    r"\bpor\s+si\s+a\s+alguien\s+le\s+(?:sirve|interesa)\b|\bsi\s+alguien\s+(?:lo\s+)?(?:necesita|busca)\b|"
    r"\bcaso\s+algu[eé]m\s+(?:precise|procure|queira)\b|"
    r"\b(?:hvis|om)\s+(?:nogen|någon|noen)\s+(?:\w+\s+){0,2}?(?:bruge|behöver|trenger|har\s+brug|undrar|lurer|"
    r"søger|söker|vil|vill)\b|"
    r"\bvoor\s+wie\s+(?:het\s+)?(?:wil|zoekt|nodig)\b|\bals\s+iemand\s+(?:\w+\s+){0,2}?(?:zoekt|nodig|wil)\b|"
    r"\bse\s+qualcuno\s+(?:ne\s+ha\s+bisogno|cerca|vuole)\b|\bsi\s+quelqu['’]un\s+(?:cherche|a\s+besoin|veut)\b|"
    r"\bjeśli\s+(?:ktoś|komuś)\s+(?:szuka|potrzebuje|się\s+przyda)\b|\bjos\s+joku\s+(?:tarvitsee|etsii)\b|"
    r"\bkdyby\s+někdo\s+(?:potřeboval|hledal)\b|\bihtiyacı\s+olan\b|\bใคร(?:จะ|อยาก|สนใจ)")


def _offered_to_anyone(text: str, finding: Finding) -> bool:
    """An address or a line shared for anyone who may want it, in its own sentence or the next ("Tlf. 35 37 81 40
    hvis nogen skal bruge dem", "El número es el 963 …, por si a alguien le sirve", "Address is 7 Canal Street,
    Ancoats, in case you're looking"): a place recommended to all, not the writer's own nor a person's ("my
    number, if anyone needs a lift", "ring her if anyone sees the dog")."""
    lowered = text.lower()
    if not any(word in lowered for word in _ANYONE_GATE):
        return False
    start, end = finding.start, finding.end
    begin = _clause_before(text, start, 150)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, end, min(len(text), end + 200))]
    stop = ends[1] if len(ends) > 1 else ends[0] if ends else min(len(text), end + 200)
    wanted = _ANYONE_WANTS.search(text, begin, stop)
    if wanted is None:
        return False
    return _A_PERSONS_WORDS.search(text, begin, stop) is None and _FIRST_PERSON.search(text, begin, start) is None \
        and not _owned(text, start, end) and _calls_a_person(text, begin, stop) is None


def _line_outside_hours(text: str, start: int, end: int, regions: Callable[[], Sequence[str]]) -> bool:
    """A line after a place's opening or office hours named in its clause (_OPENING_HOURS_NAMED: "Outside opening
    hours, ring the duty manager on …", "En dehors des heures d'ouverture, appelez la permanence au …"), with no
    one's words in its sentence ("bin ich … erreichbar", "my husband", "call me") and not a mobile."""
    begin = _clause_before(text, start, 120)
    if _OPENING_HOURS_NAMED.search(text, begin, start) is None:
        return False
    stop = _SENTENCE_END.search(text, end)
    stop_at = stop.start() if stop else len(text)
    return _FIRST_PERSON.search(text, begin, stop_at) is None and _A_PERSONS_WORDS.search(text, begin, stop_at) is None \
        and _calls_a_person(text, begin, start) is None and _line_kind(text[start:end], regions(), text) != "mobile"


# The reader's line passed on to someone: "so I gave him your number 647-…", "we've passed the driver your mobile"
_GAVE_YOUR_LINE = re.compile(r"(?i)\b(?:gave|given|passed|sent|forwarded|shared|texted)\s+(?:him|her|them|the\s+\w+)\s+"
                             r"your\s+(?:\w+\s+)?(?:number|mobile|phone|cell|line)\W{0,3}$")


# A business recommended: "Shoutout to …", "Highly recommend …", "Huge thanks to …", "Aanrader: …", "Je recommande …",
# "Consiglio la pizzeria …", "Indico demais …"
_RECOMMENDATION = re.compile(
    # (not one refused: "Would not recommend to anyone", "can't recommend", "never recommend")
    r"(?i)\b(?:shout-?outs?|(?<!not\s)(?<!n't\s)(?<!n’t\s)(?<!never\s)recommend(?:ed|ing|s)?|recommendation|(?:huge|massive|big|special)\s+thanks\s+to|"
    # (a review thanking a business's team: "thank you to the team at Ivory Threads, 9 Chapel Walk, …")
    r"(?:thank\s+you|thanks|grateful|shout\s+out)(?:\s+so\s+much)?\s+to\s+(?:the\s+|everyone\s+at\s+)?(?:team|staff|crew|lads|ladies)\s+at|miracle\s+workers|"
    # (not French registered mail: "pour le courrier recommandé, ma nouvelle adresse c'est …")
    r"kudos\s+to|props\s+to|aanrader|aanbevolen|aanbevelen|recommande|"
    # (not advice to do something: "ti consiglio anche di cancellare il commento")
    r"(?<!courrier\s)(?<!lettre\s)(?<!envoi\s)(?<!en\s)recommandée?|consiglio(?!\s+(?:anche\s+|vivamente\s+)?di\b)|"
    r"consigliat\w*|consiglierei|indico|indicação|recomiendo|recomendad\w*|recomendación|empfehle|empfehlenswert|"
    r"empfehlung|polecam|if\s+any(?:one|body)\s+(?:in\s+[\w'’-]+\s+)?(?:needs|is\s+looking\s+for)|"
    r"(?:5|five)\s+stars?)\b")
# The person's workplace given as where they receive things: "deliver to my work", "delivery to your work is
# confirmed", "consegna … presso il tuo ufficio"
_PERSONS_WORKPLACE = re.compile(
    r"(?i)\b(?:my|your|his|her)\s+(?:work|workplace|office|job)\b|\bat\s+work\b|\b(?:il\s+)?(?:tuo|mio|suo)\s+ufficio\b|"
    r"\b(?:mon|ton|votre)\s+(?:travail|bureau)\b|\b(?:mi|tu|su)\s+(?:trabajo|oficina)\b|\b(?:meine\w*|deine\w*|ihre\w*)\s+"
    r"(?:arbeit|büro|arbeitsstelle)\b|\b(?:mijn|je|uw)\s+(?:werk|kantoor)\b|\b(?:meu|seu)\s+(?:trabalho|escritório)\b")


# Writing by post, right before an address: "ou par courrier :", "of moet dat per post naar", "or by post to"
_BY_POST_BEFORE = re.compile(r"(?i)\b(?:by\s+post|by\s+mail|(?:also\s+)?write\s+to(?!\s+(?:me|us)\b)|par\s+courrier|par\s+voie\s+postale|per\s+post|por\s+correo|"
                             r"per\s+posta|por\s+correio|postalisch|schriftlich)\b[^.!?\n]{0,60}$")


_RECOMMENDATION_AT_WORDS = _AtWordStarts(_RECOMMENDATION)


@functools.lru_cache(maxsize=16)
def _in_text(pattern: re.Pattern | _AtWordStarts, text: str) -> bool:
    """Whether the pattern is anywhere in the text, asked once per text (the allowances ask it of every value;
    _forget_parses empties it for each new text)."""
    return pattern.search(text) is not None


_OPENS_OR_CLOSES_AT_AFTER = re.compile(r"(?i)[\s,]{0,3}(?:now\s+)?(?:closes|opens|shuts)\s+(?:at|from|until|till)\b")


def _workplace_before(text: str, start: int) -> bool:
    return _PERSONS_WORKPLACE.search(text, max(0, start - 150), start) is not None


def _delivery_label_before(text: str, start: int) -> bool:
    return _DELIVERY_LABEL_BEFORE.search(text, max(0, start - 45), start) is not None


def _recommended_business(text: str, start: int) -> bool:
    """A phone or an address in a post recommending a business (_RECOMMENDATION anywhere in it), and not named as the
    writer's own right before it ("call me on …", "my address is …")."""
    return (_in_text(_RECOMMENDATION_AT_WORDS, text) or "★★★★★" in text or "⭐⭐⭐⭐⭐" in text) and \
        _OWNER_CUE.search(text[max(0, start - 40):start] + " ") is None and \
        not _workplace_before(text, start)


def _business_phone(text: str, start: int, end: int, regions: Callable[[], Sequence[str]] = tuple) -> bool:
    """A number named as an organisation's ("your store at …", "our Chicago office … at", "… really your
    number?"), and not as the writer's. regions: gives the countries it is read in, to tell a mobile (a
    person's hours beside it are when they can be called: "07700 … (after 5 on weekdays)")."""
    window = text[max(0, start - 60):start]
    if _BUSINESS_PLACE_PHONE_AT_WORDS.search(text, max(0, start - 90), start) is not None:
        return _ADDRESS_OWNER.search(window) is None and \
            _calls_a_person(text, _clause_before(text, start, 90), start) is None
    begin = _clause_before(text, start, 90)
    if _ADDRESS_OWNER.search(text, begin, start) is None and _calls_a_person(text, begin, start) is None:
        business = [m.end() for m in _BUSINESS_PLACE_ANY.finditer(text, begin, start)] + \
            [m.end() for m in _OUR_WORD.finditer(text, begin, start)]
        if business and _SECOND_PERSON.search(text, max(business), start) is None:
            return True  # "L'assistenza … dallo", "Our consultants will never ask, not even on", "the pharmacy's …"
        after = text[end:end + 60]
        cut = re.search(r"[.!?\n]", after)
        if (_BUSINESS_HOURS.search(after[:cut.start()] if cut else after) or
                _BUSINESS_HOURS.search(text, max(begin, start - 40), start)) and \
                _line_kind(text[start:end], regions(), text) != "mobile":
            return True  # "… risponde solo dalle 9 alle 18", "… (Mo–Fr 8–20)", "… ext. 214"
    if _spoken_to_by_name_or_by_us(text, window) and _A_PERSONS_LINE_BETWEEN.search(window) or \
            _GAVE_YOUR_LINE.search(window):
        return False  # "Hi Rory, I've passed your number, …", "Our team has your number as …", "I gave him your
        # number …": the reader's
    named = _BUSINESS_PHONE_BEFORE.search(window) is not None or _BUSINESS_PHONE_AFTER.match(text, end) is not None \
        or (re.search(r"(?i)\b(?:your|our|their)\s+$", window) is not None and
            re.match(r"\s*(?:number|line|hotline|helpline)\b", text[end:]) is not None)
    return named and _ADDRESS_OWNER.search(window) is None


# An organisation's line by its name's trade or by how it is dialled: "call Desert Plumbing at …", "call Acme
# Dental on …", "from abroad, call collect at …" (no one's own line is called collect or named by a trade)
_FIRM_OR_COLLECT_LINE = re.compile(
    rf"(?-i:\b(?i:call|ring|phone|contact|try)\s+(?:[{_CAPITAL}][\w&'’-]*\s+){{1,3}}?"
    r"(?:Plumbing|Plumbers|Electric|Electrical|Roofing|Dental|Dentistry|Clinic|Pharmacy|Insurance|Movers|Removals|"
    r"Motors|Garage|Towing|Locksmiths?|Pest Control|Cleaners|Services|Realty|Vets?|Veterinary|Pizza|Taxis?|Cabs?)"
    r"\s+(?i:at|on)\s*:?\s*$)|(?i:\bcall\s+collect\s+(?:at|on)?\s*:?\s*$)")


def _readers_line(text: str, start: int, end: int) -> bool:
    """A number named as the line the reader is called or written on (_READERS_LINE_BEFORE, _READERS_LINE_AFTER),
    and not as an organisation's right after it ("…, our helpline")."""
    if _BUSINESS_PHONE_AFTER.match(text, end) or _SERVICE_LINE_AFTER.match(text, end):
        return False
    before = _READERS_LINE_BEFORE.search(text, _clause_before(text, start, 90), start)
    return before is not None and _SMS_KEYWORD.search(before.group()) is None or \
        _READERS_LINE_AFTER.match(text, end) is not None


def _toll_free_here(value: str, region: str) -> bool:
    """A toll-free, premium-rate or shared-cost number of the default region ("text HELP to 1-888-…")."""
    try:
        return _type_of(value, region) in _SERVICE_TYPES
    except phonenumbers.NumberParseException:
        return False


def _spoken_to_by_name_or_by_us(text: str, window: str) -> bool:
    """A reply that greets a person by name, or an organisation speaking ("our"): its "your number" is the reader's,
    not a business's a customer asks about."""
    return _GREETED_PERSON.match(text) is not None or _OUR_WORD.search(window) is not None


def _clause_before(text: str, start: int, width: int) -> int:
    """Where the clause before `start` begins: up to `width` characters back, after the last sentence end or
    line break (not the dot of an address's abbreviation: "Magazyn ZwrotPol, ul. Logistyczna 7")."""
    begin = max(0, start - width)
    end = start
    while True:
        cut = max(text.rfind(mark, begin, end) for mark in ".!?\n")
        if cut < 0 or text[cut] != "." or not _ADDRESS_ABBREVIATION_DOT.search(text, max(0, cut - 5), cut + 1):
            return cut + 1 if cut >= 0 else begin
        end = cut


_ADDRESS_ABBREVIATION_DOT = re.compile(r"(?i)(?<![^\W\d_])(?:ul|al|pl|os|st|nr|str|av|ave|rd|apt|ste|jl|sen|gen)\.$")


_HANDLE_AT_PLACE = re.compile(
    r"(?i)\w[ \t]+@\w{2,30}\s+(?:at|in|on|på|i|bei|im|am|à|au|en|op|a|em|na|w|we|da|di|ved|hos|vid|u|kod|στο|'?de|"
    r"'?da)\s+(?:the\s+)?(?:eircode\s+)?$")
_OPEN_OR_CLOSED_AFTER = re.compile(
    r"(?i)[\s,?!.)]{0,4}(?:(?:is|are)\s+(?:it|they|this|that|you)\s+|er\s+(?:det|den)\s+|ist\s+(?:es|das)\s+)?"
    r"(?:still\s+)?(?:open|closed|closes|opens|shuts|lukket|åben|åbent|geschlossen|geöffnet|offen|fermée?|ouverte?|cerrad[oa]|abiert[oa]|"
    r"chius[oa]|apert[oa]|fechad[oa]|abert[oa]|gesloten|stängt|öppet|stengt|åpent|suljettu|auki|kapalı|açık|zavřeno|"
    r"otevřeno)\b")


# "to the house, not the chapel: …", "his info: …": the place refused, or a person's details after the place word
_NOT_THE_PLACE = re.compile(r"(?i)\b(?:not|nicht|pas|no|non|niet|nie|inte|ikke|ei)\s+(?:to\s+|at\s+)?(?:the\s+|a\s+|our\s+|your\s+)?$")
_OTHER_PERSONS = re.compile(r"(?i)\b(?:his|her|hers|him)\b")
# "our office has moved to …", "the clinic's new address is …": the business moved, not the writer
# ("our office has moved to …", "Our Calgary store moved to …")
# The organisation's place said to have moved, its new address right after: "our Mississauga branch has moved! New
# address: …"
_OUR_PLACE_MOVED = re.compile(
    r"(?i)\bour\s+(?:[\w'’-]+\s+){0,2}?(?:store|shop|office|branch|clinic|showroom|warehouse|"
    r"restaurant|salon|studio|location|practice|surgery|depot)\b[^\n.!?]{0,20}?\b(?:moved|relocated)\b[.!]?"
    r"[^\S\n]*(?:(?:our\s+)?new\s+address(?:\s+is)?\s*:?|(?:now\s+)?(?:at|to))[^\S\n]*$")
_BUSINESS_MOVED = re.compile(r"(?i)(?:\b(?:has|have|had|is|are|['’]s|['’]ve)|\b(?:store|shop|office|branch|clinic|"
                             r"showroom|warehouse|restaurant|salon|studio|location|practice|surgery))\s+"
                             r"(?:now\s+|just\s+|recently\s+)?moved\s+to$")


# A place's opening hours: a span of weekdays ("Mon–Fri", "Monday to Saturday", "du lundi au vendredi", "de lunes a
# viernes", "ma-vr", "pon.–pt.", "luni–vineri", "пн–пт", "po–pá"), the days it is open every week ("weekdays",
# "daily", "every day", "24/7", "vardagar", "arkisin", "werktags", "tutti i giorni", "평일"), or an open word with a
# time ("open 9–8", "Gate opens 6am", "Åbent mandag", "geöffnet", "ouvert", "mở cửa 8:00") — not a delivery slot
# ("between 8 and 12 on Monday"), which a visit to the customer has too
_WEEKDAY_FIRST = (r"mon|monday|tue|tues|tuesday|lun|lunes|lundi|lunedì|luned[iì]|mo|montag|di|dienstag|ma|maandag|"
                  r"mandag|måndag|mån|må|man|pon|pn|luni|пн|po|seg|segunda|maanantai|ti|pzt|pazartesi|mar|martes|mardi")
_WEEKDAY_LAST = (r"fri|friday|sat|saturday|sun|sunday|vie|viernes|sáb|sábado|sab|sabato|ven|vendredi|venerd[iì]|"
                 r"samedi|dimanche|domingo|domenica|fr|freitag|sa|samstag|so|sonntag|vr|vrijdag|za|zaterdag|zo|pt|"
                 r"piątek|sob|sobota|nd|fre|fredag|lør|lørdag|lör|lördag|søn|sön|vineri|sâmbătă|sambata|пт|сб|вс|"
                 r"pá|pátek|so|sex|sexta|sáb|pe|perjantai|la|lauantai|cum|cuma|cmt|cumartesi|"
                 # (and Thursday: consulates and offices open "du lundi au jeudi", "pon.–czw."; not "do" or "to",
                 # English words after "man to …")
                 r"thu|thurs|thursday|jeu|jeudi|jue|jueves|gio|giovedì|giovedi|donnerstag|donderdag|czw|"
                 r"czwartek|tor|torsdag|čt|čtvrtek|qui|quinta|perşembe|чт|torstai")
_OPENING_HOURS = re.compile(
    rf"(?i)(?<![\w-])(?:{_WEEKDAY_FIRST})\.?\s*(?:-|–|—|to|a|à|au|al|bis|t/m|tot|do|till|til|until|through|thru|"
    rf"jusqu['’]au)\s*(?:{_WEEKDAY_LAST})\b\.?"
    # ("open 7 days", not "ships in 5-7 days", a delivery's time)
    r"|\b(?:weekdays|weekends|daily|every\s+day|seven\s+days|(?<![\d–-])7\s+days|24/7|7/24|24\s+hours|around\s+the\s+clock|"
    r"vardagar|hverdage|hverdager|arkisin|werktags|täglich|rund\s+um\s+die\s+uhr|tutti\s+i\s+giorni|"
    r"todos\s+los\s+d[ií]as|tous\s+les\s+jours|dagelijks|codziennie)\b"
    r"|(?:평일|매일|영업시간|ежедневно|hàng ngày|" + _OPENING_IN_HAN + ")"
    # Greek, Thai, Arabic and Hindi weekday spans ("Δευτέρα–Παρασκευή", "จันทร์-ศุกร์", "من الأحد إلى الخميس",
    # "सोमवार से शनिवार") and Thai "open" (เปิด) before a time
    r"|(?:Δευτέρα|Δευ\.?)\s*(?:-|–|—|έως|ως)\s*(?:Παρασκευή|Σάββατο|Κυριακή|Παρ\.?|Σαβ\.?)"
    r"|(?:จันทร์|จ\.)\s*(?:-|–|ถึง)\s*(?:ศุกร์|เสาร์|อาทิตย์|ศ\.|ส\.)|เปิด[^\n]{0,12}?[0-9]"
    r"|من\s+(?:الأحد|الاحد|السبت|الإثنين|الاثنين)\s+(?:إلى|الى|حتى)\s+(?:الخميس|الجمعة)|يومي[اً]"
    r"|सोमवार\s+से\s+(?:शुक्रवार|शनिवार|रविवार)"
    r"|\b(?:open|opens|opened|opening\s+hours|öffnungszeiten|geöffnet|ge[öo]ffnet|ouvert|ouverte|ouverts|ouverture|"
    r"horaires?|"
    r"abierto|abierta|abre|horario|aperto|aperta|orari|orario|aberto|aberta|geopend|openingstijden|otwarte|czynne|"
    r"czynny|åbent|åben|åbningstider|öppet|öppettider|åpent|åpningstider|auki|aukioloajat|açık|deschis|program|"
    r"otevřeno|открыт|открыто|mở\s+cửa|walk-?ins?|visiting|appointments|"
    # (Turkish "weekdays" with its hours, "hafta içi 10:00–17:00": alone, "hafta içi evdeyim" is when one is in)
    r"hafta\s+içi)\b[^.!?\n]{0,30}?\d")
# The first person singular, which a customer giving their own address and when they are in writes ("I'm in Mon–Fri")
_FIRST_PERSON = re.compile(
    # ("I" in capitals, or "i" before a verb or an apostrophe: the Nordic "i" is "in"; no "ma", "mon", "min", "ja":
    # Monday, minutes, yes)
    r"(?-i:\bI\b)|(?i:\bi(?:['’]\w+|\s+(?:am|was|will|work|live|have|need|want|get|leave|can|could))\b)|"
    r"(?i:\b(?:me(?!\s+\d{5}\b)|my|mine|ich|mich|mir|mein|meine|je|j['’]|moi|mes|yo|mis|io|mio|mia|eu|"
    r"meu|minha|ik|mij|mijn|jag|jeg|mig|meg|mitt|minä|minun|mój|moja|moje|benim|adresim|evim|evimiz)\b)")
# Someone coming to the address (the customer's): "the courier will collect from …", "the driver should go to …"
_COMES_TO_IT = re.compile(
    r"(?i)\b(?:courier|driver|rider|engineer|technician|tech|fitter|installer|plumber|electrician|surveyor|inspector|"
    r"locksmith|mechanic|cleaner|booked|transfer|move|moving|"
    r"collect(?:ion)?\s+from\s+your|pick\s*-?\s*up\s+from\s+your|deliver|delivery|(?:come|comes|came|coming|go|goes|went|going)\s+to|visit)\w*\b")


def _opening_hours_after(text: str, start: int, end: int) -> bool:
    """An address followed, in its sentence or the next two, by a place's opening hours ("…, Leeds LS1 6HD, open
    9–8 Mon–Sat", "… 8210 Aarhus V. Åbent mandag–fredag 7–16", "… Walk-ins Mon–Fri 8:00–4:30"): a shop's, an office's,
    a clinic's or a venue's, as no one tells their own home's hours. Not when the writer speaks of themselves around
    it ("I'm in Mon–Fri") or someone comes to it (a courier, an engineer, a delivery: the customer's), nor when the
    address is labelled as someone's ("my", "ship to", "your address"; an organisation's "we're at" is its own).
    (For addresses only: the phone rules have their own business-hours test, _BUSINESS_HOURS.)"""
    after = text[end:min(len(text), end + 220)]
    hours = _OPENING_HOURS.search(after)
    if hours is None:
        return False
    begin = _clause_before(text, start, 120)
    # ("Home" in capitals is a name's word: "Willowbrook Care Home is at …", "Keystone Home Loans, …")
    if any(not re.match(r"(?i)we", m.group()) and m.group() != "Home"
           for m in _ADDRESS_OWNER.finditer(text, max(0, start - 40), start)) or \
            _HOME_AFTER.match(text, end) or _VISIT_BEFORE.search(text, max(0, start - 80), start) or \
            _named_a_persons(text, start):
        return False
    return _FIRST_PERSON.search(text, begin, start) is None and \
        _FIRST_PERSON.search(after, 0, hours.start()) is None and \
        _COMES_TO_IT.search(text, begin, start) is None and _COMES_TO_IT.search(after, 0, hours.start()) is None


# A venue or a service people go to, named in the clause before an address (privacy_cues.VENUE_WORDS: "the Canal
# Walk cinema, 3 Wharf Street", "el tanatorio de Calle …", "Rendez-vous en préfecture : …"); in the Germanic
# languages as a compound's end too ("veterinærklinikken i …", "fietsenwerkplaats")
_VENUE_GERMANIC = ["de", "nl", "sv", "da", "no", "fi"]
_VENUE_BEFORE = re.compile(
    # (the Germanic words with no boundary before them, as a compound's end: cheaper than a run of letters first)
    rf"(?i)(?:{cues.pattern(cues.VENUE_WORDS, _VENUE_GERMANIC)}|(?<![\w-])"
    rf"{cues.pattern(cues.VENUE_WORDS, [lang for lang in cues.VENUE_WORDS if lang not in _VENUE_GERMANIC])})(?![\w-])")
# (a word of the clause among these, or ending in a Germanic one, before the search: a set look-up)
_VENUE_GATE = cues.gate(cues.VENUE_WORDS)
_VENUE_ENDINGS = tuple(sorted({w for lang in _VENUE_GERMANIC for w in cues.VENUE_WORDS[lang] if " " not in w}))
# a possessive or a person right before the venue word: "my partner", "her school", "meinem Kindergarten"
_SOMEONES_BEFORE = re.compile(
    r"(?i)\b(?:my|your|his|her|mein\w*|dein\w*|ihr\w*|mon|ma|ton|ta|son|sa|mi|tu|su|mio|mia|tuo|tua|suo|sua|"
    r"mijn|jouw|zijn|haar|min|mitt|din|ditt|sin|sitt|mój|moja|twój|twoja)\s+(?:[\w'’-]+\s+)?$")


def _venue_before(text: str, start: int, end: int) -> bool:
    """An address named as a venue's or a service's in the clause before it (_VENUE_BEFORE), with nothing making it
    someone's: no owner's word ("my", "ship to", "your address" …) before it, no one else's ("his", "my partner")
    or the writer ("I", "me") in the clause, no "you" between the venue and the address, nobody coming to it, and
    no home named around it ("i" is the Nordic "in"; "their workshop" is a firm's). (Addresses only: the phones
    keep their own place words.)"""
    begin = _clause_before(text, start, 120)
    words = {w.lower() for w in _WORD.findall(text, begin, start)}
    if words.isdisjoint(_VENUE_GATE) and not any(w.endswith(_VENUE_ENDINGS) for w in words):
        return False
    # (Portuguese "no" is "in the": "é no centro de exames da Rua …")
    portuguese = len(_LANGUAGE_MARKS["pt"].intersection(words)) >= 2
    venues = [m for m in _VENUE_BEFORE.finditer(text, begin, start)
              if not ((no := _NOT_THE_PLACE.search(text, max(begin, m.start() - 16), m.start())) and
                      not (portuguese and no.group().strip().lower() == "no")) and
              not _SOMEONES_BEFORE.search(text, max(begin, m.start() - 30), m.start())]
    if not venues:
        return False
    last = venues[-1].end()
    if any(not re.match(r"(?i)we", m.group()) and m.group() != "Home"
           for m in _ADDRESS_OWNER.finditer(text, max(begin, start - 40), start)):
        return False
    return _OTHER_PERSONS.search(text, begin, start) is None and _FIRST_PERSON.search(text, begin, start) is None \
        and all(m.group() == "i" for m in _SECOND_PERSON.finditer(text, last, start)) \
        and _COMES_TO_IT.search(text, begin, start) is None \
        and _WRITERS_HOME.search(text, begin, start) is None and _HOME_AFTER.match(text, end) is None and \
        _VISIT_BEFORE.search(text, max(0, start - 80), start) is None


# Someone going or coming to the address right before it ("can the mobile vet come to …", "the driver should go to
# …"): a destination, whatever business was named before the verb
_GOES_TO_BEFORE = re.compile(
    r"(?i)\b(?:come|comes|coming|came|go|goes|going|went|head|heads|heading|drive|drives|driving|get|gets|getting)"
    r"\s+(?:over\s+|round\s+|out\s+|back\s+|straight\s+)?to\s+(?:the\s+)?$")


_BUSINESS_SITE = re.compile(r"(?i)\b(?:business|industrial|retail|office|science|technology)\s+park\b|"
                            r"\bindustrial\s+area\b|\bmidc\b|"
                            r"\b(?:industrial|trading)\s+est(?:ate|\.)?(?!\w)|"
                            # ("… 410 Commerce Pkwy, Dept M, Austin TX": a department's mail)
                            r",\s*(?:dept\.?|department)\s+\w+")
# A department's name right before an address: "post it to Returns, Unit 4 Magna Park, Lutterworth LE17 4XY"
_DEPARTMENT_BEFORE = re.compile(r"(?-i:\b(?:Returns|Returns (?:Dept|Department|Centre|Center)|Customer Services|"
                                r"Accounts Payable|Complaints(?: Department)?|Goods In)),\s*(?:Unit\s+|Suite\s+)?$")
# "we're at 220 Cuba St, Te Aro if you'd like to drop the return off": an organisation saying where it is, for a visit
_WE_ARE_AT = re.compile(r"(?i)\b(?:we['’]re|we\s+are)\s+(?:now\s+|located\s+)?at\s*$")
_VISIT_AFTER = re.compile(r"(?i)\b(?:drop\w*|return\w*|collect\w*|pick\s*-?\s*up|counter|pop\s+in|come\s+in|"
                          r"visit\w*|walk[\s-]*ins?)\b")


# A home word negated: the writer or reader is not there ("Jeśli nie będzie Cię w domu, … odbierzesz w punkcie przy …",
# "if you're not home, collect it from the depot at …"): the place named after it is where the parcel goes instead
_NOT_HOME_BEFORE = re.compile(r"(?i)(?:\b(?:not|nie|no|pas|nicht|niet|inte|não|non)\b|n['’]t\b)[^,.;!?\n]{0,20}$")
# A registered or tax address named as the organisation's, not the writer's ("la dirección fiscal es …", "nuestro
# domicilio social: …", "our registered address is …"; not "mi dirección fiscal")
_ORGANISATIONS_REGISTERED_ADDRESS = re.compile(
    r"(?i)\b(?:(?:la|nuestra|su)\s+direcci[óo]n\s+fiscal|(?:el|nuestro|su)\s+domicilio\s+(?:fiscal|social)|"
    r"(?:our|the\s+company['’]s|its)\s+registered\s+(?:office|address)|(?:unsere|die)\s+(?:gesch[äa]fts|firmen)adresse|"
    # (the street and number before a postcode may stand between: "… la dirección fiscal Calle Mayor 40, 28013 Madrid")
    r"(?:notre|son|l['’])\s*adresse\s+(?:de\s+facturation|du\s+si[èe]ge))\b(?:[^.!?\n\d]{0,20}|[^.!?\n]{0,40},\s*)$")


def _business_address(text: str, start: int, end: int) -> bool:
    """An address named as a business's (a store, an office …), and not as the writer's own, nor as where someone
    goes or comes ("the mobile vet will come to …")."""
    if _HOME_AFTER.match(text, end) or _GOES_TO_BEFORE.search(text, max(0, start - 30), start):
        return False
    if _ORGANISATIONS_REGISTERED_ADDRESS.search(text, _clause_before(text, start, 60), start):
        return True  # "Nuestro CIF es B85930022 y la dirección fiscal es Calle Alcalá 214": a company's registered one
    if _OUR_PLACE_MOVED.search(text, max(0, start - 90), start):
        return True  # "our Mississauga branch has moved! New address: 200 Burnhamthorpe Rd W, …"
    if _BUSINESS_SITE.search(text, start, end) or _DEPARTMENT_BEFORE.search(text, max(0, start - 40), start):
        return True  # "Unit 4 Crossways Business Park, Dartford": nobody lives on a business park; "post it to
        # Returns, Unit 4 Magna Park": a department's
    first = text[start:end].split(",")[0].split()
    if len(first) >= 2 and not any(c.isdigit() for c in "".join(first)) and \
            any(word.strip(".") in _LEGAL_FORM_WORDS for word in first[1:]):
        return True  # "festival at Doncaster RFC, Castle Park, DN4 5JP": named by a company's or a club's name
    if _WE_ARE_AT.search(text, max(0, start - 24), start):
        sentence_end = _SENTENCE_END.search(text, end)
        if _VISIT_AFTER.search(text, end, sentence_end.start() if sentence_end else len(text)):
            return True
    window = text[max(0, start - 40):start]
    owner = [m.end() for m in _ADDRESS_OWNER.finditer(window)
             if not (m.group() == "moved to" and _BUSINESS_MOVED.search(window, 0, m.end()))]
    business = [m.end() for m in _BUSINESS_BEFORE.finditer(window) if not _NOT_THE_PLACE.search(
        window, max(0, m.start() - 16), m.start())] if _may_match(window, _BUSINESS_BEFORE_GATE) else []
    if business and (not owner or business[-1] > owner[-1]):
        return True
    # the same in any language, in the clause before it ("notre siège : Volta Énergie, …", "Butiken på …",
    # "Mağazamız: …", "zapraszamy do salonu przy …"), when nothing after the business word makes it the writer's
    begin = _clause_before(text, start, 90)
    places = [m.end() for m in _BUSINESS_PLACE_ANY.finditer(text, begin, start)
              if not _NOT_THE_PLACE.search(text, max(begin, m.start() - 16), m.start())]
    # ("my parcel's in the locker at 7-Eleven, …", "mijn pakket ligt bij het afhaalpunt …": the parcel is the writer's)
    if places and _OTHER_PERSONS.search(text, places[-1], start) is None and all(m.group() == "moved to" and _BUSINESS_MOVED.search(text, places[-1], m.end())
                      for m in _ADDRESS_OWNER.finditer(text, places[-1], start)) and \
            _SECOND_PERSON.search(text, places[-1], start) is None and \
            all(_PARCEL_AFTER.match(text, m.end()) or _NOT_HOME_BEFORE.search(text, max(0, m.start() - 24), m.start())
                for m in _WRITERS_HOME.finditer(text, begin, start)):
        return True
    # "the new @BeanRoastIE at Eircode D02 X285", "er @BageriHjørnet på Nørrebrogade 42 lukket i dag?": a place named
    # by its social handle right before it, or said to be open or closed right after it
    # (in a sentence, not the brand addressed at its start: "@FedExHelp at 14 Oak Road the driver …" is the writer's)
    # ("We're at 14 High St, above the pharmacy, open 8–6": a practice saying where it is, open after it)
    if (_HANDLE_AT_PLACE.search(window) or _OPEN_OR_CLOSED_AFTER.match(text, end)) and \
            not [m for m in _ADDRESS_OWNER.finditer(window) if not re.match(r"(?i)we", m.group())]:
        return True
    # "I'm at your 5 Main St store": named as a store right after it, whoever is there ("my … office" is theirs)
    return _BUSINESS_AFTER.match(text, end) is not None and re.search(r"(?i)\bmy\s+$", window) is None


# -- an organisation's contact block ---------------------------------------------------------------------------
# A place's details given together (its address, its landline, its mailbox, its website, its hours, its name or its
# "our/we/us"): the address and the landline among them are the organisation's, in whatever words the reply says
# so ("find us at …", "our clinic is at …", a branch list, a signature). What marks one of them as a person's
# stays so, and so does the whole block: a customer's own details have the same shape.
# An organisation's voice where no "our" is written: "find us", "visit us", "we're at", "wir sind in der …"
_BLOCK_VOICE = re.compile(
    r"(?i)\b(?:find|visit|reach|call|ring|contact|email|e-mail|write\s+to|see|join|meet|whatsapp|message)\s+us\b|"
    r"\bwe(?:['’]re|\s+are)\s+(?:now\s+)?(?:at|on|in|located|based|open)\b|"
    r"\b(?:besuchen|erreichen|finden)\s+sie\s+uns\b|\bretrouvez-nous\b|\bvisítenos\b|\bvenez\s+nous\b|"
    r"\bvieni\s+a\s+trovarci\b|\bkom\s+langs\b|\bodwiedź\s+nas\b|\bbesök\s+oss\b|"
    # (the reader told to call, write to or find "us" in the other languages: a verb with "us" as its object,
    # glued on in Spanish, Portuguese, Italian and Romanian: "llámanos", "escribirnos", "ligue-nos", "chiamaci",
    # "scrivici", "sunați-ne"; after it elsewhere: "appelez-nous", "ruf uns an", "bel ons", "zadzwoń do nas",
    # "ring oss", "soita meille", "bize ulaşın", "καλέστε μας")
    r"\b(?:ll[aá]m|escr[ií]b|cont[aá]ct|encu[eé]ntr|env[ií]|escrev|telefon|m[aá]nd)\w*?-?nos\b|\blig(?:u|a)e?-nos\b|"
    r"\b(?:chiam|scriv|contatt|trov)\w*?ci\b|\b(?:sunați|scrieți|contactați|găsiți)-ne\b|"
    r"\b(?:appelez|contactez|écrivez|joignez|rejoignez|appelle|contacte|écris)[- ]nous\b|"
    r"\bnous\s+(?:joindre|contacter|appeler|écrire|trouver)\b|"
    r"\b(?:ruf\w*|schreib\w*|kontaktier\w*|mail\w*)\s+(?:sie\s+)?uns\b|\buns\s+(?:anrufen|erreichen|schreiben|"
    r"kontaktieren|finden)\b|"
    r"\b(?:bel|mail|app|schrijf|contacteer|bezoek)\s+ons\b|\bons\s+(?:bellen|mailen|bereiken|appen)\b|"
    r"\b(?:zadzwo\w*|napisz\w*|przyjd\w*|zapraszamy)\s+do\s+nas\b|\bz\s+nami\b|"
    r"\b(?:zavolejte|napište|kontaktujte)\s+(?:nám|nás)\b|"
    r"\b(?:ring|mejla|maila|kontakta|skriv\s+till?|ring\s+til|kontakt)\s+(?:oss|os)\b|"
    r"\b(?:soita|kirjoita|ota\s+yhteyttä)\s+meille\b|\bmeihin\b|\bbize\b|\bbizi\b|"
    r"(?:καλέστε|επικοινωνήστε|γράψτε)\s+(?:μαζί\s+)?μας")
# (hours in Japanese and Chinese, with a wave dash: "診療時間 9:00〜18:00", "受付 10:00～17:00")
_BLOCK_HOURS_IN_SCRIPTS = re.compile(r"\d{1,2}[:：]\d{2}\s*[〜~～]\s*\d{1,2}[:：]\d{2}|診療時間|受付時間|开放时间|開放時間")
# A website named among the details (a URL is blanked in the scanned copy): "www.…", "acme-dental.co.uk"
_BLOCK_WEBSITE = re.compile(
    r"\x00{6}|(?i:(?<![\w@.-])(?:www\.)?[a-z0-9-]{3,}(?:\.[a-z0-9-]+)?\.(?:com|org|net|co\.uk|org\.uk|ac\.uk|de|fr|es|"
    r"it|nl|pl|se|dk|no|fi|pt|be|at|ch|ie|eu|jp|co\.jp|kr|co\.kr|com\.au|org\.au|nz|ca|cz|gr|tr|in)(?![\w@.-]))")
# A person named as whom the details are for: a form's name field ("Name:", "Nombre:", "Imię i nazwisko:", "氏名"),
# or a title and a name right before the value ("Mrs J. Patel, 12 …", "Herrn Max Weber\n…")
_BLOCK_FORM_NAME = re.compile(
    r"(?i)(?:\b(?:full\s+|first\s+|last\s+|customer\s+|contact\s+|your\s+)?name|\bnombre|\bnom|\bvorname|\bnachname|"
    r"\bnaam|\bnome|\bimię(?:\s+i\s+nazwisko)?|\bnazwisko|\bnamn|\bnavn|\bnimi|\bad\s+soyad|\bjméno|"
    r"\battn|\bc/o|\bz\.\s?hd\.?)\s*[:：]|氏名|お名前|이름\s*[:：]|姓名")
_BLOCK_TITLED_NAME = re.compile(
    rf"(?-i:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Herrn?|Frau|M|Mme|Mlle|Sr|Sra|Srta|Sig|Sig\.ra|Dott|Pan|Pani|Dhr|Mevr)\.?\s+"
    rf"(?:[{_CAPITAL}]\.?\s*)*[{_CAPITAL}][\w'’-]+(?:\s+[{_CAPITAL}][\w'’-]+)?)[\s,;:]*\n?\s*$")
# An address named as someone's in any language, right before it: "Ihre neue Anschrift", "votre nouvelle adresse :",
# "su dirección de envío", "il tuo indirizzo in", "uw adres", "Pana adres"
_SOMEONES_ADDRESS_BEFORE = re.compile(
    rf"(?i)\b{_POSSESSIVE}\s+(?:[\w-]+\s+){{0,2}}?(?:address|adresse|anschrift|wohnadresse|lieferadresse|adresa|"
    r"adres|adress|dirección|direccion|domicilio|indirizzo|endereço|morada|osoite|cím|címe|adressen)\b"
    r"[^.!?\n\d]{0,20}$")
# A destination the value is given as: "parcel for …", "the taxi to …", "shipment to …", "liefern Sie an …"
_DESTINATION_BEFORE = re.compile(
    r"(?i)\b(?:parcel|package|packet|shipment|consignment|letter|taxi|cab|uber|pick\s*-?\s*up|pickup|drop\s*-?\s*off|"
    r"paket|sendung|colis|paquete|pacco|pakket|paczk\w*|przesyłk\w*|"
    # (delivering verbs in the other languages: "bitte liefern Sie an …", "livrez à …", "entregar en …")
    r"liefer\w*|schick\w*|livr\w*|envi[ae]\w*|entreg\w*|spedi\w*|consegn\w*|bezorg\w*|verzend\w*|dostarcz\w*|"
    r"wyślij\w*|skicka\w*|lever\w*)\b[^.!?\n]{0,24}?\b(?:for|to|an|für|pour|à|au|para|a|en|per|voor|naar|op|aan|dla|do|"
    r"na|till|til)\s*:?\s*$")


def _person_named_before(text: str, start: int) -> bool:
    """A form's name field or a titled person right before it ("Name: …", "Mrs J. Patel, …")."""
    return _BLOCK_TITLED_NAME.search(text, max(0, start - 60), start) is not None or \
        _BLOCK_FORM_NAME.search(text, max(0, start - 60), start) is not None


def _address_named_a_persons(text: str, start: int) -> bool:
    """An address named right before it as a person's in any language ("Ihre neue Anschrift", "votre adresse :"), or
    a parcel's or a taxi's destination ("Parcel for …")."""
    return _SOMEONES_ADDRESS_BEFORE.search(text, max(0, start - 60), start) is not None or \
        _DESTINATION_BEFORE.search(text, max(0, start - 50), start) is not None


def _named_a_persons(text: str, start: int) -> bool:
    """An address right after a person named or its words naming it a person's (the two above)."""
    return _person_named_before(text, start) or _address_named_a_persons(text, start)


# A label naming the customer's place or line in a reply that sums up a delivery or a visit
_DELIVERY_LABEL_BEFORE = re.compile(
    r"(?i)(?:\b(?:delivery|shipping|service|installation|appointment|job|site)\s+address|\bcontact\s+on\s+site|"
    # ("Contact on the day: (614) 555-7283, Nkechi", "Registered mobile: +91 98407 …": the customer's, summed up)
    r"\bcontact\s+on\s+the\s+day|\bregistered\s+(?:mobile|phone|number|e-?mail)(?:\s+number)?|"
    r"\bon[- ]site\s+contact|endereço\s+de\s+entrega|adresse\s+de\s+livraison|(?:à\s+)?l['’]adresse\s+suivante|"
    r"dirección\s+de\s+(?:entrega|envío)|lieferadresse|indirizzo\s+di\s+consegna|afleveradres)\s*:?\s*$")


def _someones_detail(text: str, finding: Finding) -> bool:
    """An address or a line marked as a person's, whoever writes around it: labelled so ("my", "call me on", "we've
    updated your address to", "her mobile"), a person's words in its clause, a home after it, a visit or a parcel
    going to it, a line someone will be called on, a person titled or a form's name field right before it."""
    start, end = finding.start, finding.end
    begin = _clause_before(text, start, 120)
    if _owned(text, start, end) and not _reader_told_to_call(text, begin, start):
        return True
    if _delivery_label_before(text, start):
        return True  # "Endereço de entrega: Rua Padre Chico 415, …", "Contact on site: (720) …": where the customer is
    stop = text.find(". ", end, end + 60)
    if _A_PERSONS_WORDS.search(text, begin, end + 60 if stop < 0 else stop) or _person_named_before(text, start):
        return True
    if finding.kind == "address":
        # (an organisation's "we're at …" is its own: the block's other signs tell it from a household's)
        return any(not re.match(r"(?i)we", m.group()) and m.group() != "Home"
                   for m in _ADDRESS_OWNER.finditer(text, max(0, start - 40), start)) or \
            _HOME_AFTER.match(text, end) is not None or _VISIT_BEFORE.search(text, max(0, start - 80), start) is not None \
            or _GOES_TO_BEFORE.search(text, max(0, start - 30), start) is not None or \
            any(_DIRECTED_THERE.search(text, begin, m.end()) is None for m in _COMES_TO_IT.finditer(text, begin, start)) or \
            _address_named_a_persons(text, start)
    personal = _PERSONAL_LINE.search(text, max(0, start - 30), start)
    return _SOMEONES_LINE.search(text, begin, start) is not None or \
        personal is not None and not _landline_of_no_one(text, personal) or \
        _calls_a_person(text, begin, start) is not None or \
        any(_READER_CAN.search(text, begin, m.end()) is None for m in _WILL_CALL.finditer(text, begin, start)) or \
        _readers_line(text, start, end) and _READER_CAN.search(text, begin, start) is None


def _landline_of_no_one(text: str, label: re.Match) -> bool:
    """A line labelled a landline with no one's before the word, where an organisation speaks before it ("Our …
    salon is at …. Landline 020 …", "the club house … the groundsman's landline on …", "notre boutique … Fixe : 05
    …"): the word names the line's kind, which a place's block gives too; "her landline", "home landline", "Jane's
    landline" name a person's, and with no organisation named a person's address, landline and hours are theirs."""
    if _FIXED_LINE_LABEL.match(label.group()) is None or \
            _LANDLINES_OWNER.search(text, max(0, label.start() - 25), label.start()) is not None:
        return False
    begin = max(0, label.start() - 250)
    return _OUR_WORD.search(text, begin, label.start()) is not None or \
        _BUSINESS_PLACE_ANY.search(text, begin, label.start()) is not None or \
        _BLOCK_VOICE.search(text, begin, label.start()) is not None or _venue_word(text, begin, label.start())


_FIXED_LINE_LABEL = re.compile(r"(?i)(?:landline|festnetz|festnetznummer|fixe)\b")
_LANDLINES_OWNER = re.compile(
    rf"(?i)(?:\b{_POSSESSIVE}|\bhome|\bprivate|\bpersonal|\bprivat\w*|\bperso\w*|"
    rf"(?-i:\b[{_CAPITAL}][\w-]+)['’]s?)\s+(?:[\w-]+\s+)?$")


# The reader told they may call or write to it: "you can call …", "late arrivals can ring …", "requests can also be
# sent to …": the place's line or mailbox, not one someone will be called on ("our driver can call 0113 …" is)
_READER_CAN = re.compile(
    r"(?i)(?:\b(?:you|u|anyone|everyone|guests|visitors|arrivals|customers|parents|patients|members|residents|"
    r"callers|families|students|tenants)\s+(?:\w+\s+)?(?:can|may|could|should)\s+(?:also\s+|still\s+|always\s+)?"
    r"(?:call|ring|phone|text|reach|contact|email|e-mail|write)\b"
    r"|\b(?:can|may|could|should)\s+(?:also\s+|still\s+|always\s+)?be\s+(?:sent|emailed|e-mailed|mailed|posted|"
    r"addressed|directed|made)\b)[^.!?\n]{0,40}$")
# A calling verb or "reachable at" with no one named (an imperative, a desk's): said by an organisation of its own
# line in its contact block ("Zadzwoń pod 42 …", "De receptie is bereikbaar op 0118 …", "le secrétariat est
# joignable au …"); with the writer named ("ik ben bereikbaar op", "zadzwoń do mnie") it is theirs
_CALL_WITH_NO_ONE = re.compile(r"(?i)(?:\bzadzwo[ńn](?:cie)?|\bbereikbaar|\bjoignable|\bnås)\b[^.!?\n]{0,25}$")


def _reader_told_to_call(text: str, begin: int, start: int) -> bool:
    """A line labelled only by a calling verb or "reachable at" with no one named (_CALL_WITH_NO_ONE), or the reader
    told they may call it (_READER_CAN), in a clause with no first person: the writer does not name it as theirs."""
    window = max(begin, start - 40)
    return (_CALL_WITH_NO_ONE.search(text, window, start) is not None or
            _READER_CAN.search(text, begin, start) is not None) and \
        _FIRST_PERSON.search(text, begin, start) is None and _A_PERSONS_WORDS.search(text, begin, start) is None


# The reader directed to the place: an imperative at the head of its clause ("For your show-round, come to the
# main entrance of …", "Then head to …", "please go to …"), not someone coming to it ("the engineer will come to …")
_DIRECTED_THERE = re.compile(
    r"(?i)(?:^|[.!?:;,—–\n]\s*|\b(?:please|just|then|and|simply)\s+)(?:come|go|head|walk|drive|make\s+your\s+way)"
    r"\s+(?:straight\s+|directly\s+|round\s+)?to\b[^.!?\n]{0,60}$")


def _block_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The stretch of text a value's contact block may take: 200 characters before it and 150 after, cut at a
    sentence where the writer speaks of themselves ("I", "me", "my"): a customer's story is no place's details.
    None when the value's own sentence is such a one."""
    lo, hi = max(0, start - 200), min(len(text), end + 150)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
    first = max([e for e in ends if e <= start] or [lo])
    last = min([e for e in ends if e >= end] or [hi])
    if _FIRST_PERSON.search(text, first, last):
        return None
    for e in sorted((e for e in ends if e <= start), reverse=True):  # back, sentence by sentence
        previous = max([x for x in ends if x < e] or [lo])
        if _FIRST_PERSON.search(text, previous, e):
            lo = e
            break
    for e in sorted(e for e in ends if e > last):  # on, sentence by sentence
        following = max([x for x in ends if x < e] or [last])
        if _FIRST_PERSON.search(text, following, e):
            hi = following
            break
    return lo, hi


def _organisations_mailbox(text: str, finding: Finding, places: Sequence[Finding] = ()) -> bool:
    """A mailbox shaped as an organisation's desk rather than a person's: at a domain that is no mail provider's, its
    local part not a person's (_persons_mailbox: digits, an initial, a first and last name, a name the text gives a
    person), and nothing marking it as someone's (_someones_detail: "my", "email me", "her", a form's name field).
    places: the street addresses found in the text."""
    local, _, domain = canonical_email(text[finding.start:finding.end]).rpartition("@")
    return bool(local) and not _at_mail_provider(domain) and \
        not _persons_mailbox(text, local, domain.split("."), places) and not _someones_detail(text, finding)


def _contact_block(text: str, finding: Finding, details: Sequence[tuple[Finding, bool]],
                   kind_of: Callable[[Finding], str]) -> bool:
    """An address, a line or a mailbox among a place's details given together (see _BLOCK_VOICE above): besides it,
    in its block (_block_bounds), two of another address, a landline, a mailbox, a website, the place's opening
    hours, an organisation named or speaking before it ("our", "the clinic", "find us"), at least one of them an
    organisation's (found public, or a website, hours or name: an address and a landline alone are a customer's
    details as well) — or, with none of those, its street address, landline and a mailbox shaped as a desk's
    (_organisations_mailbox) all three. Never one marked as a person's (_someones_detail), a mobile, a mailbox shaped
    as a person's or at a mail provider, nor in a block holding a person's detail; a line a plan does not tell from
    a mobile (the US's) wants one more.
    details: the text's addresses, lines and mailboxes, each with whether it is public; kind_of: a line's kind."""
    start, end = finding.start, finding.end
    places = [f for f, _ in details if f.kind == "address"]
    if finding.kind == "email":
        if not _organisations_mailbox(text, finding, places):
            return False
    elif _someones_detail(text, finding):
        return False
    line = kind_of(finding) if finding.kind == "phone" else "fixed"
    # (a mobile only as the line the reader is told to call or write to "us" on, in its clause: a shop's WhatsApp)
    voice = _BLOCK_VOICE.search(text, _clause_before(text, start, 60), start) if line == "mobile" else None
    if line == "mobile" and voice is None:
        return False
    bounds = _block_bounds(text, start, end)
    if bounds is None:
        return False
    lo, hi = bounds
    signs: set[str] = set()
    plain: set[str] = set()
    for other, public in details:
        if other.end <= lo or other.start >= hi or not (other.end <= start or end <= other.start):
            continue
        if public:
            signs.add(other.kind)
        elif other.kind == "email":
            if not _organisations_mailbox(text, other, places):
                return False  # (a person's mailbox among them: the block may be theirs)
            plain.add("email")
        elif _someones_detail(text, other):
            return False  # (a person's detail among them: the block may be theirs)
        elif other.kind == "address" or kind_of(other) != "mobile":
            plain.add(other.kind)
    if _PLACE_HOURS.search(text, lo, hi) or _OPENING_HOURS.search(text, lo, hi) or \
            not text.isascii() and _BLOCK_HOURS_IN_SCRIPTS.search(text, lo, hi):
        signs.add("hours")
    if _BLOCK_WEBSITE.search(text, lo, hi):
        signs.add("website")
    if "\n" in text and _signed_by_a_desk(text, lo, start, details, places):
        signs.add("signature")
    if any(public and other.kind != finding.kind and {other.kind, finding.kind} == {"email", "phone"} and
           _given_as_its_alternative(text, finding, other) for other, public in details):
        signs.add("alternative")
    if _BUSINESS_PLACE_ANY.search(text, lo, start) or _OUR_WORD.search(text, lo, start) or \
            _OUR_ELSEWHERE.search(text, lo, start) or _BLOCK_VOICE.search(text, lo, start) or \
            _venue_word(text, lo, start) or \
            not text.isascii() and (_SCRIPT_BUSINESS.search(text, lo, start) or _OUR_IN_SCRIPTS.search(text, lo, start)):
        signs.add("organisation")
    if not signs and not (line == "fixed" and plain | {finding.kind} >= {"address", "phone", "email"}):
        return False
    if voice is not None:
        # "WhatsApp us on 07700 …, Mon–Fri 9–5", "Escríbenos por WhatsApp al 600 …, de lunes a viernes de 9 a 14 h":
        # with the place's hours a mobile is the business's line (a family's "call us on 07700 …" gives none)
        return "hours" in signs
    # (for a line, an address found public counts twice, as in _place_contact_line: its own rule made it a place's)
    count = len(signs) + len(plain - signs) + (finding.kind == "phone" and "address" in signs)
    return count >= (2 if line == "fixed" else 3)


# A letter's closing on a line of its own, the signature after it: "Kind regards,", "Best,", "Mit freundlichen Grüßen",
# "Cordiali saluti", "Pozdrawiamy", "Met vriendelijke groet", "Ystävällisin terveisin", "敬具"
_SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:(?:kind|best|warm|warmest|many|with)?\s*(?:regards|wishes|thanks)|best|thanks|thank\s+you|cheers|"
    r"sincerely|yours\s+(?:sincerely|faithfully|truly)|all\s+the\s+best|"
    r"(?:mit\s+)?(?:freundlichen|besten|herzlichen|viele|liebe|beste|freundliche)\s+gr(?:ü|ue|u)(?:ß|ss)e?n?|"
    r"cordialement|bien\s+(?:à|a)\s+vous|salutations|(?:un\s+)?(?:cordial\s+)?saludos?|atentamente|"
    r"(?:cordiali|distinti|cari)\s+saluti|saluti|(?:com\s+os\s+)?(?:melhores\s+)?cumprimentos|atenciosamente|"
    r"(?:met\s+)?(?:vriendelijke|hartelijke)\s+groet(?:en)?|groetjes|pozdrawiam(?:y)?|z\s+poważaniem|"
    r"s\s+pozdravem|s\s+pozdravom|med\s+(?:vänlig(?:a)?|venlig|vennlig)\s+hils(?:ning(?:ar)?|en)|mvh|"
    r"ystävällisin\s+terveisin|terveisin|saygılarımızla|saygılarımla|με\s+εκτίμηση|cu\s+(?:stimă|respect)|"
    r"敬具|감사합니다)[ \t]*[,.!]?[ \t]*$")


def _signed_by_a_desk(text: str, lo: int, start: int, details: Sequence[tuple[Finding, bool]],
                      places: Sequence[Finding]) -> bool:
    """The value is in a signature (the lines after a letter's closing, _SIGN_OFF) that holds a mailbox shaped as a
    desk's at an organisation's own domain (found public or _organisations_mailbox): a team signs with its line
    ("Best wishes,\nThe Billing Team\n…\nT: 01632 … | E: billing@…"); a person who signs with a mailbox of their own
    name ("Regards,\nJane Smith\n0161 …\njane.smith@…") or none keeps their details."""
    closings = [m.end() for m in _SIGN_OFF.finditer(text, lo, start)]
    if not closings:
        return False
    return any(other.kind == "email" and other.start > closings[-1] and
               (public or _organisations_mailbox(text, other, places)) for other, public in details)


# Whether something is really what it says, in a question about a number: "a genuine Barclays number", "really HMRC",
# "legit", "official", "one of your numbers", "wirklich", "echt", "vraiment", "de verdad", "davvero", "naprawdę"
_GENUINE_WORD = re.compile(
    r"(?i)\b(?:genuine(?:ly)?|legit(?:imate)?|real(?:ly)?|actually|official(?:ly)?|authentic|"
    r"(?:one\s+of|among)\s+(?:your|their|the\s+\w+['’]s?)\s+(?:numbers|lines)|belongs?\s+to\s+(?:you|the|them)|"
    r"wirklich|echt|tatsächlich|offiziell\w*|seriös|vraiment|officiel\w*|réellement|de\s+verdad|realmente|"
    r"oficial\w*|legítim\w*|davvero|veramente|ufficiale|realmente|naprawdę|oficjaln\w*|opravdu|skutečně|"
    r"verkligen|virkelig|faktisk|todella|gerçekten|πραγματικά|chiar|mesmo|de\s+fato)\b")


# What the number is (a copula or "belongs"), not what someone did with it ("Did you actually ring …?")
_ASKED_WHAT_IT_IS = re.compile(r"(?i)\b(?:is|are|was|ist|sind|est|es|son|è|sono|é|são|jest|są|je|är|er|on|ovat|είναι|"
                               r"este|belongs?|gehört|hoort)\b")


# After a number in its sentence: nobody answers it, as said of an organisation's line ("… goes straight to
# voicemail", "nobody ever answers", "ne répond jamais", "non risponde mai", "δεν απαντάει")
_NOBODY_ANSWERS_AFTER = re.compile(
    r"(?i)[^.!?\n]{0,80}?(?:(?<!\bif\s)(?<!\bwhen\s)\b(?:nobody|no\s+one|no-one|noone)\s+(?:ever\s+)?"
    r"(?:answers|picks\s+up|replies)(?!\s+the\s+door)|"
    r"\b(?:goes|going|went|go)\s+(?:straight\s+|directly\s+|right\s+)?to\s+(?:voicemail|an?\s+answering\s+machine|"
    r"a\s+dead\s+line)|\b(?:is|was)\s+(?:disconnected|no\s+longer\s+in\s+service|not\s+in\s+service)\b|"
    r"\b(?:is|was)\s+(?:down|out\s+of\s+order|engaged|always\s+busy)\b|\brings\s+out\b|\bsonne\s+dans\s+le\s+vide|"
    r"\best\s+en\s+panne|\bsună\s+ocupat|\bfunktioniert\s+nicht|\bist\s+(?:immer\s+)?besetzt|"
    r"\b(?:doesn['’]t|does\s+not|never|won['’]t|isn['’]t)\s+(?:ever\s+)?(?:answer(?:ed|ing)?|pick(?:ed)?\s+up)|"
    r"\bne\s+répond\s+(?:jamais|pas|plus)|\bnon\s+rispond\w*|δεν\s+απαντά\w*|\bno\s+(?:contesta|contestan|coge|cogen)|"
    r"\bgeht\s+(?:nie(?:mand)?|keiner)\s+ran|\bnimmt\s+(?:nie(?:mand)?|keiner)\s+ab|\bneemt\s+(?:niemand|nooit)\s+op|"
    r"\bnikt\s+nie\s+odbiera|\bn[ãa]o\s+atende|\bningu[ée]m\s+atende|\bsvarar\s+inte|\bsvarer\s+ikke)")
# Before a number: a person's line ("her phone", "Tom's number", "his mobile")
# (or the reader's, as they gave it: "the number you gave, (305) 447-2619, went to voicemail"; and see
# _LINE_ON_RECORD_BEFORE)
_PERSONS_LINE_BEFORE = re.compile(r"\b(?:(?i:his|her|their|my)|[A-Z][a-z]+['’]s)\s+(?:\w+\s+)?(?i:phone|number|mobile|"
                                  r"cell|line|landline)\b[^.!?\n\d]{0,8}$|(?i:\b(?:phone|number|mobile|cell|line)\s+"
                                  r"you\s+(?:gave|provided|left|registered|shared|added|listed)(?:\s+us)?\W{0,3}$)")
# A doctor's practice called ("call the surgery on 0113 …"): the place, as no one calls an operation
_PRACTICE_CALLED = re.compile(r"(?i)\b(?:the|your)\s+(?:gp(?:['’]s)?\s+)?(?:surgery|practice|gp)\b")
# Before a number: the writer called it ("we tried calling 312.867.0412 twice and it went to voicemail": the reader's)
_WE_CALLED_BEFORE = re.compile(r"(?i)\b(?:we|i|we['’]ve|i['’]ve|our\s+\w+)\s+(?:\w+\s+)?(?:tried\s+(?:calling|to\s+call|"
                               r"ringing|to\s+ring)|called|rang|phoned|dialled|dialed)\b")
# Before a number: an organisation's kind of line ("your voicemail at", "votre ligne d'urgence au", "il numero della
# segreteria", "το τηλέφωνο του ιατρείου"); or, in a post addressed to an organisation ("@…"), "your number"/"your line"
_ORGANISATIONS_LINE_BEFORE = re.compile(
    r"(?i)\b(?:voicemail|answerphone|switchboard|reception|helpline|hotline|emergency\s+line|out[- ]of[- ]hours\s+line|"
    r"hibabejelentő|τηλέφωνο\s+βλαβών|päivystyksen(?:\s+\w+)?\s+numero|piquet|notdienst(?:nummer)?|"
    r"ligne\s+d['’]urgence|num[ée]ro\s+d['’]urgence|standard|numero\s+(?:della|dell['’]|del)\s+(?:segreteria|ufficio|"
    r"reception|centralino)|centralino|segreteria|τηλέφωνο\s+του\s+\w+|numéro\s+des?\s+\w+(?:\s+\w+)?)\b"
    r"[^.!?\n\d]{0,14}$")
_YOUR_LINE_BEFORE = re.compile(
    r"(?i)\b(?:your|votre|vostro|vostra|su|ihre|uw|jullie|seu|sua)\s+(?:\w+\s+)?(?:number|line|phone|numéro|ligne|"
    r"numero|número|nummer|telefon|telefono|teléfono|telefone|linea|línea)\b[^.!?\n\d]{0,12}$")
# Right after a number: the question whether a message giving it came from the organisation
_IS_THAT_YOU_AFTER = re.compile(
    r"(?i)[\s.,;:!)]*(?:is|was|are)\s+(?:that|this|it|these|they)\s+(?:really\s+|actually\s+|even\s+)?"
    r"(?:you|from\s+you|you\s+guys|legit|legitimate|genuine|real|official|your\s+(?:number|team|bank|company))\s*\?")
# Asked whether an account is really the organisation's: "Is that genuinely your client account", "is this really
# yours", "is it legit"
_GENUINE_ACCOUNT_ASKED = re.compile(
    r"(?i)\b(?:is|are)\s+(?:that|this|it|these|those)\s+(?:\w+\s+){0,2}?(?:genuinely|really|actually|legit|legitimate|"
    r"genuine|real|yours|your)\b")
# A mail's header line, quoted or forwarded: "> From: …"
_HEADER_FROM_BEFORE = re.compile(r"(?im)^[>\s]*from:[^\S\n]*$")
_MAIL_OF_READER_OR_WRITER = re.compile(
    r"(?i)\b(?:from\s+you|you\s+sent|you\s+wrote|i\s+sent|i\s+wrote|my\s+(?:e-?mail|message|mail))\b")
# The organisation's own line, said so: "call our line on …", "our hotline is …" (not "our home number")
_OUR_LINE_BEFORE = re.compile(
    r"(?i)\bour\s+(?:main\s+|customer\s+|support\s+|service\s+|24/7\s+|free\s+|toll[- ]free\s+|office\s+)?"
    r"(?:line|lines|hotline|helpline|switchboard|call\s+cent(?:re|er)|contact\s+cent(?:re|er))\s*(?:on|at|is|are|:)?\s*$")
# The place named before, called: "You can also call them directly at 514-…"
_SHOP_NAMED = re.compile(r"(?i)\b(?:location|store|shop|branch|outlet|showroom|office|clinic|pharmacy|restaurant|"
                         r"salon|depot|warehouse)\b")
# (the reader told to call them, not "we'll call them on …": "Our Denver store is at … Call them at (303) …")
_CALL_THEM_IMPERATIVE = re.compile(r"(?i)(?:^|[.!?:]\s+|\b(?:please|just|you\s+can|you\s+could|or|and|then)\s+)"
                                   r"(?:call|ring|phone|contact|reach)\s+them(?:\s+directly)?\s+(?:on|at)\s*:?\s*$")
_CALL_THEM_BEFORE = re.compile(r"(?i)\b(?:call|ring|phone|contact|reach)\s+them(?:\s+directly)?\s+(?:on|at)\s*:?\s*$")
# A caller's number the organisation disowns: "The caller from +91 … was not from our bank"
_CALLER_BEFORE = re.compile(r"(?i)\b(?:caller|call|calls|number|sms|text|message|request|e-?mail)(?:\s+you\s+(?:received|got))?"
                            r"\s+(?:from|was\s+from)\s*:?\s*$")
_NOT_FROM_US_AFTER = re.compile(r"(?i)[^\S\n]*,?[^\S\n]*(?:was|is|were|are)\s+not\s+(?:from\s+)?(?:us|ours|our\s+[\w-]+)\b")
_INVOICE_RECEIVED = re.compile(r"(?i)\b(?:got|received|had|get|getting)\s+(?:an?\s+|this\s+)?(?:invoice|bill|notice)\b")
_MESSAGE_RECEIVED = re.compile(
    r"(?i)\b(?:got|received|had|get|getting)\s+(?:an?\s+|this\s+|these\s+|some\s+)?(?:e-?mail|text|sms|message|"
    r"letter|dm|whatsapp|call|voicemail)s?\b|\b(?:e-?mail|text|sms|message|letter)\s+(?:from|saying|says|said|"
    r"telling|asking)\b")


def _asked_if_genuine(text: str, start: int, end: int) -> bool:
    """A number the writer asks about, in a question whether it really is an organisation's ("Is 0161 … a genuine
    Barclays number?", "Ist 089 … echt die Nummer von der Telekom?", "Is … one of your numbers?"): a line the writer
    checks before trusting it, which they do not give as anyone's ("Is 07700 … really my number on file?", "is …
    really her number?", "is … actually the best number for you?")."""
    begin = _clause_before(text, start, 120)
    stop = text.find("?", end, end + 100)
    if stop < 0 or re.search(r"[.!\n]", text[end:stop]):
        return False
    return _GENUINE_WORD.search(text, begin, stop) is not None and _ASKED_WHAT_IT_IS.search(text, begin, stop) is not None \
        and _A_PERSONS_WORDS.search(text, begin, stop) is None and _calls_a_person(text, begin, stop) is None and \
        re.search(r"(?i)\byour\s+(?:number|line|phone|mobile|landline)\b|['’]s\s+(?:number|phone|line)\b|"
                  r"(?<!\bto\s)\byou\b(?!\s+guys)", text[begin:stop]) is None


# Between a mailbox and a line offered as two ways to the same desk: "email bookings@… or call 01803 …", "call 0161 …
# or email help@…", "T: 01632 … | E: billing@…", "sales@… / +1 646 …", "… oder telefonisch unter …", "… ou par
# téléphone au …"
_ALTERNATIVE_GAP = re.compile(
    r"(?i)[\s,;]*(?:(?:or|and|oder|und|ou|et|o|y|e|of|en|eller|og|lub|albo|nebo|tai|veya|ya\s+da|sau)\b|[|/·•])"
    r"[\s,]*(?:(?:alternatively|else|by|per|par|por|via|telefonisch|téléphone|teléfono|telefono|phone|e-?mail|"
    r"mail|tel|ph|t|e)\b\.?[\s:]*)?"
    r"(?:(?:call|ring|phone|text|email|e-mail|write\s+to|contact|reach|anrufen|rufen\s+sie|schreiben\s+sie|"
    r"appelez|écrivez|llame|llamar|escriba|chiami|scriva|bel|mail|ring|zadzwoń|napisz)\b[\s,]*(?:us\s+)?)?"
    r"(?:on|at|to|unter|an|au|à|al|a|op|naar|na|på|pod)?[\s:]*$")


def _given_as_its_alternative(text: str, finding: Finding, other: Finding) -> bool:
    """A line and a mailbox given side by side as two ways to reach the same desk, nothing but "or", a separator,
    a verb or a label between them (_ALTERNATIVE_GAP): the line is the desk's whose mailbox is public, or the
    mailbox the desk's whose line is ("Questions? Email bookings@theoldmill-totnes.co.uk or call 01803 …"); "or call
    me on", "or call Sarah on" name another's."""
    first, second = (finding, other) if finding.end <= other.start else (other, finding)
    if second.start - first.end > 60:
        return False
    return _ALTERNATIVE_GAP.fullmatch(text, first.end, second.start) is not None


def _venue_word(text: str, begin: int, start: int) -> bool:
    """A venue's word (privacy_cues.VENUE_WORDS) between begin and start, gated by a set look-up of the words."""
    words = {w.lower() for w in _WORD.findall(text, begin, start)}
    if words.isdisjoint(_VENUE_GATE) and not any(w.endswith(_VENUE_ENDINGS) for w in words):
        return False
    return _VENUE_BEFORE.search(text, begin, start) is not None


def _named_over_card_format(candidates: list[Finding]) -> list[Finding]:
    """A number written as a card (a network's range, grouped) that fails Luhn, where an id's name right beside it
    names the same digits ("PhilSys number 4821-9307-5516-3024"): the id, not a card."""
    # (… or a Luhn-valid run in no card's grouping and with no card word near, 0.7: "ameli … 2 71 04 75 505 517 36")
    # (and a number right after an account word, with no card word near, 0.95 or less: "A/c 50100339281146, IFSC …"
    # is the account the refund goes to, though Luhn holds)
    weak = [f for f in candidates if f.rule == "card.format" or f.rule == "card.luhn_industry" and f.confidence < 0.9
            or f.kind == "card" and f.confidence < 0.99]
    if not weak:
        return candidates
    # (… or a voucher's number right after its word: "top-up voucher: 4418 2290 1736 5521", a card only in shape)
    named = {(f.start, f.end) for f in candidates if f.kind == "national_id" and f.rule.startswith("id.named") or
             f.rule == "secret.voucher_digits"}
    # (an account's word alone, no bank named, is not enough against a card's range and Luhn: "ACCOUT 6700000000009"
    # reads as the card it is; "A/c 50100339281146, IFSC …" names the bank, and is the account)
    accounts = {(f.start, f.end) for f in candidates if f.kind == "bank_account" and
                f.rule == "bank.account_with_bank_word"}
    return [f for f in candidates if f not in weak or
            (f.start, f.end) not in named and ((f.start, f.end) not in accounts or f.confidence >= 0.99)]


_ID_BY_NAME_AND_CHECK = frozenset({"id.named", "id.near_name_checksum"})


def _resolve(candidates: list[Finding]) -> list[Finding]:
    """Keep the strongest of overlapping findings: kind priority, then confidence, then length."""
    if not candidates:
        return []  # (most texts: nothing found, nothing to sort)
    emails = [f for f in candidates if f.kind == "email"]
    if emails:
        # A value inside an e-mail address is part of it ("…Dl.YEFwwS28t.…": no driving licence), unless its
        # checksum says it is a card or an IBAN: the address is found and masked whole
        candidates = [f for f in candidates if f.kind in ("email", "card", "iban") or
                      not any(e.start <= f.start and f.end <= e.end for e in emails)]
    named_ids = {(f.start, f.end) for f in candidates if f.kind == "national_id" and f.rule in _ID_BY_NAME_AND_CHECK}
    if named_ids:
        # a number only the card rules' weakest reading takes (Luhn and an industry digit), that is a checksum-valid id
        # named near it, is the id ("his ID number … it says 3804278452182", a South African id)
        candidates = [f for f in candidates if not (f.rule == "card.luhn_industry" and (f.start, f.end) in named_ids)]
    keys = [f for f in candidates if f.label == "wifi_key" or f.rule == "secret.recovery_codes"]
    if keys:
        # digits in a card's groups whose check fails are a Wi-Fi key near its word ("wlan schlüssel ist jetzt 4821
        # 7730 9916 5502"), or codes listed after their name ("two fresh backup codes\n4821-9937\n1066-2048")
        candidates = [f for f in candidates if not (f.rule == "card.format" and any(
            k.start < f.end and f.start < k.end for k in keys))]
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


def _phone_stretches(text: str, claimed: Sequence[Finding] = (), shortest: int = 7, margin: int = 24
                     ) -> list[tuple[int, int]]:
    """Merged spans around the runs of digits that could be valid phone numbers (with `margin` characters on each
    side, stretched so that they never cut a number): at least `shortest` digits (the default region's shortest
    valid number: 10 in the US; fewer only after a "+"). A run already found as something else (a card, an IBAN,
    an id …) is left out: a phone found inside it would be dropped anyway."""
    stretches: list[list[int]] = []
    for run in _PHONE_SHAPED.finditer(text):
        digits = _digits_in(run.group())
        if digits < 7 or digits < shortest and text[run.start() - 1:run.start()] != "+" or \
                any(f.start <= run.start() and run.end() <= f.end for f in claimed):
            continue
        start, end = max(0, run.start() - margin), min(len(text), run.end() + margin)
        while start > 0 and (text[start - 1].isdigit() or text[start - 1] in "+-.()"):
            start -= 1
        while end < len(text) and (text[end].isdigit() or text[end] in " -.()"):
            end += 1
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], end)
        else:
            stretches.append([start, end])
    return [(start, end) for start, end in stretches]


def _windows_after(pattern: re.Pattern | _AtWordStarts, text: str, reach: int) -> list[tuple[int, int]]:
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


# (kana, Han and Hangul glue particles and words to a number without a space: "010-4827-3315로", "电话138 …";
# they end no token of Latin letters and digits)
# (\Z, not $: a line ending in a word is no part of the value on the next line; a digit there may be, a number broken
# over lines: "0161\n496 0377")
_GLUED_BEFORE = re.compile(r"(?:[^\W\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]|\w-|\d\n)\Z")
_GLUED_AFTER = re.compile(r"[^\W\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]|-\w")


# (such a preposition right before a number makes no longer token: "ל-052-…", to; "מ-", from)
_HEBREW_PREFIX = re.compile(rf"(?<!\w){_HEBREW_PREFIX_GLUED}\Z")


def _glued(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a longer token (letters or digits right before or after, or
    joined by a hyphen)."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return bool(_GLUED_BEFORE.search(before) and not _HEBREW_PREFIX.search(text[max(0, start - 3):start]) or
                _GLUED_AFTER.match(after))


def _overlapping(pattern: re.Pattern, text: str) -> list[re.Match]:
    """Matches starting at every word, not only after the previous match (a value may hide behind a word)."""
    found, position = [], 0
    while (match := pattern.search(text, position)) is not None:
        found.append(match)
        position = match.start() + 1
    return found


_LOGIN_PASS_BEFORE = re.compile(r"(?i)\b(?:temp|temporary|wifi|wi-fi|admin|login|user(?:name)?[ \t]+\S+)[ \t]+$")


def _character_kinds(value: str) -> int:
    """How many of lower-case letters, capitals, digits and symbols a value mixes."""
    return sum(bool(re.search(pattern, value)) for pattern in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w\s]|_"))


def _near_a_cue(text: str, start: int, end: int, cues: Sequence[tuple[int, int]]) -> bool:
    """Whether a value at start:end is within _NEAR_A_SECRET_WORD characters of one of the cues' spans, in its sentence
    or the next (not across two sentence ends or a paragraph)."""
    for cue_start, cue_end in cues:
        if cue_end <= start and start - cue_end <= _NEAR_A_SECRET_WORD:
            between = text[cue_end:start]
        elif end <= cue_start and cue_start - end <= _NEAR_A_SECRET_WORD:
            between = text[end:cue_start]
        else:
            continue
        if "\n\n" not in between and len(_SENTENCE_END.findall(between)) <= 1:
            return True
    return False


def _corrected_twins(text: str, candidates: Sequence[Finding]) -> list[Finding]:
    """A password's corrected spelling near it ("you typed bluefalcon8 … the one you set is BlueFalc0n_88"): a
    made-up value within _TWIN_REACH characters that differs from a password found by a few characters (case aside)."""
    return [Finding("secret", start, start + len(twin), 0.7, "password", rule="secret.corrected_twin")
            for password in candidates if password.kind == "secret" and password.label == "password"
            for start, twin in _twins(text, password.start, text[password.start:password.end])
            if _looks_made_up(twin) and not any(c.start < start + len(twin) and start < c.end for c in candidates)]


def _twins(text: str, start: int, value: str) -> list[tuple[int, str]]:
    """Values (where they start, and what they are) within _TWIN_REACH characters of one at `start` that differ from it
    by a few characters (case aside)."""
    lowered = value.lower()
    return [(match.start(), twin)
            for match in _MADE_UP_TOKEN.finditer(text, max(0, start - _TWIN_REACH), start + len(value) + _TWIN_REACH)
            for twin in [match.group().rstrip(".,;:!?")]
            if match.start() != start and len(twin) >= 6 and twin != value and
            difflib.SequenceMatcher(None, lowered, twin.lower()).ratio() >= 0.75]


_TWIN_REACH = 160
_MADE_UP_TOKEN = re.compile(r"(?<![\w@/.-])[^\W_][\w!#$%&*+=?^~-]{4,38}[\w!#$%&*+=?^~]")


def _looks_made_up(value: str) -> bool:
    """Digits, symbols or inner capitals: "sunflower88", "Kx9!mooncake", "LanternKing" (a hyphen or an apostrophe
    between letters is not one: "rendez-vous", "l'app" are words)."""
    value = _INNER_JOINER.sub("", value)
    return bool(re.search(r"\d|[^\w\s]|_", value)) or bool(re.search(r"[a-z][A-Z]", value))


_INNER_JOINER = re.compile(r"(?<=[^\W\d_])['’-](?=[^\W\d_])")
# What stands in for a value never given: "********", "<key>", "[redacted]", "YOUR_API_KEY", "xxxx-xxxx"
_PLACEHOLDER = re.compile(
    r"[*•·●○∙◦xX#?._\-]{3,}|<[^<>]*>|\[[^\[\]]*\]|\{[^{}]*\}|"
    # (a bracket opened before a placeholder's words, the value cut at their first space: "<your key here>")
    r"[<\[{](?i:your|insert|paste|enter|put|add|api|key|token|secret|password)[\w-]*|(?i:your[_-]\w*|(?:x{3,}[-_ ]?)+|redacted|hidden|removed|"
    # (an environment variable named in a command: "$API_KEY", "${TOKEN}", "%API_KEY%")
    r"placeholder|example|sample|\.\.\.|…)|\$\{?[A-Z_][A-Z0-9_]*\}?|%[A-Z_][A-Z0-9_]*%")


_CUT_SHORT = re.compile(r"(?:\.\.\.|…)[`'\"”)]*$")
_YOUR_PART = re.compile(r"(?i)[_-]your[_-][a-z]")


# An id's format shown with X for letters and 0 or 9 for digits ("XXXXXX00X00X000X", "XXX-99-9999")
_FORMAT_TEMPLATE = re.compile(r"(?=(?:[^Xx]*[Xx]){3})(?=[^09]*[09])[Xx09 ./-]+")


def _placeholder(value: str) -> bool:
    # (a value cut short on purpose, "sk_test_...", is one too)
    # (and a key's prefix kept before a "YOUR_…" part: "sk_test_YOUR_KEY", "ghp-your-token-here")
    return _PLACEHOLDER.fullmatch(value.strip("\"'“”.,;:!?()`")) is not None or \
        _CUT_SHORT.search(value) is not None or _YOUR_PART.search(value) is not None


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character (written here: detect-secrets' idea of telling a random key from a
    word, with a threshold of our own for the short values people post)."""
    counts: dict[str, int] = {}
    for char in value:
        counts[char] = counts.get(char, 0) + 1
    size = len(value)
    return -sum(n / size * math.log2(n / size) for n in counts.values()) if size else 0.0


@functools.cache
def _common_words(lang: str = "en") -> Callable[[str], float]:
    """wordfreq's Zipf frequency of a word in a language (each loaded once, on first use). Its "small" lists:
    the words said at least once in a million (Zipf 3 and more, 0 below), all the rules ask; a language's
    "best" list holds ten times the words and takes ~30 MB in every process that reads a password."""
    from wordfreq import zipf_frequency

    return functools.partial(zipf_frequency, lang={"no": "nb"}.get(lang, lang), wordlist="small")


# A phone number spelled in letters: "1-800-FLOWERS", "0700-OKRA-BANK"
# (its prefix a freephone's or a service line's: a code of digits and letters, "2219-KTR", is none)
_VANITY_NUMBER = re.compile(r"(?:\+?\d{1,3}-)?(?:0\d{2,3}|[89]\d\d|1[38]00)-[A-Z]{3,}(?:-[A-Z]{2,})*")
_VANITY_NUMBER_IN_TEXT = re.compile(rf"(?<![\w-]){_VANITY_NUMBER.pattern}(?![\w-])")
_IFSC = re.compile(r"[A-Z]{4}0[A-Z0-9]{6}")
_WORDS_THEN_NUMBER = re.compile(r"(?P<letters>[A-Za-z]{4,16})(?:\d{1,3}|20\d\d)")


def _promotion_shaped(value: str) -> bool:
    """One or two common English words and a small number or a year ("THANKYOU10", "SPRING2024", "WELCOME15"), or
    one common word of the languages brands write codes in, with its umlauts spelled out as codes must ("FRUEHLING15",
    "SOLDES20"): a code a brand publishes for everyone, not one printed for a single buyer."""
    match = _WORDS_THEN_NUMBER.fullmatch(value)
    if match is None:
        return False
    letters = match.group("letters").lower()
    common = _common_words()
    if common(letters) >= 3.0 or any(common(letters[:cut]) >= 3.0 and common(letters[cut:]) >= 3.0
                                     for cut in range(2, len(letters) - 1)):
        return True
    umlauts = letters.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü")
    return any(_common_words(lang)(letters) >= 3.0 or _common_words(lang)(umlauts) >= 3.0
               for lang in _PROMOTION_LANGUAGES)


_PROMOTION_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "pl", "sv")


def _uncommon_word(value: str, limit: float = 4.0, lang: str = "en") -> bool:
    """Not an ordinary word of English (nor of `lang`, the language of the password word before it):
    "purplemonkeydishwasher", "mooncake" are passwords after "password is"; "incorrect", "expired", "working",
    "bloqué", "falsch" are not (frequent words, or the endings of states and adjectives). limit: a Zipf frequency
    of 3 or more (the word lists hold no rarer words)."""
    word = value.lower()
    if len(word) < 4 or word in _WEAK_VALUES or _ORDINARY_WORD_ENDING.search(word):
        return False
    return _common_words()(word) < limit and (lang == "en" or _common_words(lang)(word) < limit)


def _ends_clause(text: str, end: int) -> bool:
    """The value is the last word of its clause: end of text, punctuation, or a joining word after it."""
    rest = text[end:end + 12]
    return not rest.strip() or bool(re.match(
        r"\s*(?:[.,;:!?)\-–—]|\s(?:and|but|so|before|after|since|until|then|now|lol|pls|please|btw|though|thx)\b)",
        rest, re.IGNORECASE))


def _trailing_space(value: str) -> int:
    return len(value) - len(value.rstrip(" ,"))


def _recent_or_no_year(value: str) -> bool:
    """A date with no year, or with this year or the last two (an occasion's, a purchase's, not a birth long ago)."""
    years = [int(n) for n in re.findall(r"\d{4}", value)]
    return not years or years[-1] >= datetime.date.today().year - 2


_DIGITS_AND_SPACES = re.compile(r"[\d ]+")


def _plausible_date(value: str) -> bool:
    if len(value) == 6 and value.isdigit():  # 140382, 820314 (a Swede's "född 820314"): day, month, year either way
        return any(1 <= int(m) <= 12 and 1 <= int(d) <= 31 for d, m in ((value[:2], value[2:4]), (value[4:], value[2:4])))
    if len(value) == 8 and value.isdigit():  # 14081975, 19750814, 08141975: a day, a month and a past year
        readings = ((value[4:], value[2:4], value[:2]), (value[:4], value[4:6], value[6:]),
                    (value[4:], value[:2], value[2:4]))
        return any(1900 <= int(y) < _THIS_YEAR and 1 <= int(m) <= 12 and 1 <= int(d) <= 31 for y, m, d in readings)
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if len(numbers) == 3 and not re.search(r"[A-Za-z]", value):
        day_month = [n for n in numbers if n <= 31]
        return len(day_month) >= 2 and min(numbers[:2] if numbers[0] <= 31 else numbers[1:]) <= 12
    return all(n <= 31 or n >= 1000 or len(str(n)) == 2 for n in numbers)


_AT_ANY = re.compile(rf"(?i){_AT}")
_DOT_ANY = re.compile(rf"(?i){_DOT}")
_SPACES = re.compile(r"\s+")


def canonical_email(value: str) -> str:
    """"Tom DOT Baker AT outlook DOT com" → "tom.baker@outlook.com" (for the allow-list and masks); "luis punto gil
    arroba gmail punto com" → "luis.gil@gmail.com"."""
    if "@" not in value:
        value = _SEPARATOR_WORD_ABROAD.sub(".", _AT_WORD_ABROAD.sub("@", value, count=1))
    text = _AT_ANY.sub("@", value, count=1) if "@" not in value else value
    text = _DOT_ANY.sub(".", text)
    return _SPACES.sub("", text).lower()


def _mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    provider = domain.partition(".")[0]
    # a mail provider's domain says nothing about the person; a custom domain may be their name
    shown_domain = domain if provider in _MAIL_PROVIDERS else f"{BULLET * 3}.{domain.rsplit('.', 1)[-1]}"
    return f"{local[:1]}{BULLET * 3}@{shown_domain}"


_ADDRESS_ABBREVIATIONS = {"street": "st", "avenue": "ave", "road": "rd", "lane": "ln", "drive": "dr",
                          "boulevard": "blvd", "court": "ct", "place": "pl", "terrace": "ter", "suite": "ste",
                          "apartment": "apt", "north": "n", "south": "s", "east": "e", "west": "w"}


# Addresses known to everyone (a head of state's, a company's headquarters, a fictional character's): quoted in
# jokes and checkout complaints, they locate no customer. Keys as _address_key writes them.
# (or only wished for: "we'd love to deliver to 221B Baker Street too")
_CANNOT_GO_THERE = re.compile(r"(?i)\b(?:can['’]?t|cannot|can not|won['’]?t|don['’]?t|do not|never|unable to|"
                              r"(?:would|['’]d)\s+love\s+to|wish\s+(?:we|i)\s+could)\s+"
                              r"(?:\w+\s+){0,2}?(?:deliver|ship|send|post)\w*\s+(?:\w+\s+)?to\s*$")
_FAMOUS_ADDRESSES = tuple(f" {key} " for key in (
    "1600 pennsylvania ave", "221b baker st", "10 downing st", "1 infinite loop", "1 apple park way",
    "1600 amphitheatre parkway", "350 fifth ave", "350 5th ave", "742 evergreen ter", "4 privet dr",
    "12 grimmauld pl", "124 conch st", "31 spooner st", "20 ingram st", "177a bleecker st", "1313 mockingbird ln",
    "1 microsoft way", "1 hacker way", "30 rockefeller plaza", "11 wall st", "2311 n los robles ave",
    "0001 cemetery ln", "1640 riverside dr", "55 rue du faubourg saint honoré", "1 rue de rivoli"))


def _address_key(value: str) -> str:
    """Lower-case words with common abbreviations, so "500 Market St." matches "500 market street"."""
    words = re.findall(r"\w+", value.lower())
    return " ".join(_ADDRESS_ABBREVIATIONS.get(w, w) for w in words)
