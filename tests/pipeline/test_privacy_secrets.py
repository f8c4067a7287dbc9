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

