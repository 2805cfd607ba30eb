"""Configuration comes from credentials.yml, then the environment; openids become pseudonyms."""

from __future__ import annotations

import logging

import pytest

from bot import config, privacy
from bot.channels.dedupe import MemoryDedupeStore, RedisDedupeStore, make_store
from bot.channels.wechat import WeChatInput
from bot.channels.wechat_api import CustomerServiceClient

OPENID = "oXinmiResident0001"


def test_a_pseudonym_is_stable_hex_and_does_not_contain_the_openid():
    first, second = privacy.pseudonymize(OPENID), privacy.pseudonymize(OPENID)
    assert first == second
    assert len(first) == 64 and int(first, 16) >= 0
    assert OPENID not in first
    assert privacy.pseudonymize("oXinmiResident0002") != first


def test_a_different_salt_gives_a_different_pseudonym(monkeypatch):
    before = privacy.pseudonymize(OPENID)
    monkeypatch.setenv("XINMI_SENDER_SALT", "another-salt")
    privacy.reset_salt_cache()
    assert privacy.pseudonymize(OPENID) != before


def test_without_a_salt_the_development_salt_is_used_with_a_warning(monkeypatch, tmp_path, caplog):
    monkeypatch.delenv("XINMI_SENDER_SALT")
    monkeypatch.setenv("XINMI_CREDENTIALS", str(tmp_path / "absent.yml"))
    privacy.reset_salt_cache()
    with caplog.at_level(logging.WARNING):
        pseudonym = privacy.pseudonymize(OPENID)
    assert "XINMI_SENDER_SALT" in caplog.text
    monkeypatch.setenv("XINMI_SENDER_SALT", config.DEV_SENDER_SALT)
    privacy.reset_salt_cache()
    assert privacy.pseudonymize(OPENID) == pseudonym


def test_the_salt_can_come_from_the_wechat_section_of_credentials_yml(monkeypatch, tmp_path):
    path = tmp_path / "credentials.yml"
    path.write_text(f"{config.WECHAT_SECTION}:\n  token: t\n  sender_salt: from-file\n", encoding="utf-8")
    monkeypatch.delenv("XINMI_SENDER_SALT")
    monkeypatch.setenv("XINMI_CREDENTIALS", str(path))
    assert config.sender_salt() == "from-file"


def test_credentials_win_and_the_environment_fills_what_they_leave_empty(monkeypatch):
    monkeypatch.setenv("XINMI_WECHAT_TOKEN", "env-token")
    monkeypatch.setenv("XINMI_WECHAT_SECRET", "env-secret")
    settings = config.wechat_settings({"token": "file-token", "secret": "", "appid": "wx1"})
    assert (settings.token, settings.secret, settings.appid) == ("file-token", "env-secret", "wx1")
    assert settings.mode == "plain" and settings.passive_timeout == 4.5
    assert settings.api_base == "https://api.weixin.qq.com" and settings.dedupe == "memory"


def test_a_missing_credentials_file_is_an_empty_section(tmp_path):
    assert config.read_credentials_section(config.WECHAT_SECTION, tmp_path / "none.yml") == {}


@pytest.mark.parametrize(
    "credentials",
    [
        {},  # no token
        {"token": "t", "mode": "secret"},
        {"token": "t", "mode": "safe", "appid": "wx1", "encoding_aes_key": "short"},
        {"token": "t", "passive_timeout": 5},
    ],
)
def test_unusable_settings_are_refused_at_start(monkeypatch, credentials):
    monkeypatch.delenv("XINMI_WECHAT_TOKEN", raising=False)
    with pytest.raises(ValueError):
        config.wechat_settings(credentials)


def test_the_channel_is_named_wechat_and_builds_no_connection_at_start():
    channel = WeChatInput.from_credentials({"token": "t", "appid": "wx1", "secret": "s",
                                            "dedupe": "redis://127.0.0.1:1/0"})
    assert channel.name() == "wechat" and channel.url_prefix() == "wechat"
    assert isinstance(channel.store, RedisDedupeStore) and channel.store._client is None
    assert isinstance(channel.api, CustomerServiceClient) and channel.api._session is None


def test_the_dedupe_store_is_chosen_by_configuration():
    assert isinstance(make_store("memory"), MemoryDedupeStore)
    assert isinstance(make_store("rediss://cache.internal:6380/2"), RedisDedupeStore)
    with pytest.raises(ValueError):
        make_store("memcached://x")
