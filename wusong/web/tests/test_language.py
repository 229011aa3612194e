"""Chinese first, English second, switched from the page."""

import pytest
from django.urls import reverse

from wusong.factories import applicant

pytestmark = pytest.mark.django_db


def test_language_switch_between_chinese_and_english(client):
    client.force_login(applicant())
    page = client.get(reverse("calls:portal")).content.decode()
    assert "我的申报" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/portal/"})
    page = client.get(reverse("calls:portal")).content.decode()
    assert "My declarations" in page


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(client):
    client.force_login(applicant())
    page = client.get(
        reverse("calls:portal"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "我的申报" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/portal/"})
    page = client.get(reverse("calls:portal"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "My declarations" in page
