"""add https://... against servers that drip, refuse, redirect to no address or name odd charsets:
each a clear line, in bounded time, never a traceback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from helpers.webserver import LocalServer, Route

from briefbook.errors import BriefbookError
from briefbook.intake.fetch import fetch_page
from briefbook.intake.pagebytes import decode_page
from briefbook.intake.webpage import extract_page

PARAGRAPH = " ".join(
    ["The delegations agreed to restore the channel between the two general staffs at once."] * 6
)
PAGE = f"<!doctype html><html><head><title>T</title></head><body><article><h1>T</h1><p>{PARAGRAPH}</p></article></body></html>"


class Dripper:
    """A server that sends its answer a byte at a time, ``gap`` seconds apart (in the headers, or
    after them), never faster than any read timeout, and never done before the test ends."""

    def __init__(self, gap: float, in_headers: bool) -> None:
        self.gap, self.in_headers = gap, in_headers
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            if not self.in_headers:
                conn.sendall(head + b"\r\n")
            data = (head if self.in_headers else b"") + b"<p>" * 100_000
            for byte in data:
                if self.stop.wait(self.gap):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture
def dripper() -> Iterator[type[Dripper]]:
    made: list[Dripper] = []

    def start(gap: float, in_headers: bool) -> Dripper:
        made.append(Dripper(gap, in_headers))
        return made[-1]

    yield start
    for one in made:
        one.close()


@pytest.mark.parametrize("in_headers", [False, True])
def test_a_server_that_drips_cannot_put_the_deadline_off(dripper, in_headers):
    server = dripper(0.4, in_headers)  # each byte well within the 1 s read timeout
    started = time.perf_counter()
    with pytest.raises(BriefbookError) as caught:
        fetch_page(f"http://127.0.0.1:{server.port}/", timeout=1.0)
    seconds = time.perf_counter() - started
    assert "took longer than 3 s to arrive (timed out)" in str(caught.value)
    assert seconds < 5  # the deadline (3 s), not the server, ends it


def test_a_refused_connection_is_not_called_a_timeout():
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(BriefbookError) as caught:
        fetch_page(f"http://127.0.0.1:{port}/", timeout=5)
    assert "the server refused the connection" in str(caught.value)
    assert "timed out" not in str(caught.value)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def test_addresses_that_are_no_addresses_are_one_line(server):
    for url, said in (
        ("http://[::1/", "not a valid web address"),
        ("http://example.org:port/", "not a valid web address"),
        ("http://example.org:99999/", "not a valid web address"),
        ("http:///nohost", "not a web address with a host name"),
    ):
        with pytest.raises(BriefbookError) as caught:
            fetch_page(url, timeout=2)
        assert said in str(caught.value), (url, caught.value)
    for location, said in (
        ("http://[::1", "which is not a valid web address"),
        ("http://x:abc/", "which is not a valid web address"),
        ("http://\x01bad/", "not a valid web address"),
        ("ftp://x/", "not an http or https address"),
    ):
        server.routes["/r"] = Route(302, b"", {"Location": location})
        with pytest.raises(BriefbookError) as caught:
            fetch_page(server.url("/r"), timeout=2)
        assert said in str(caught.value), (location, caught.value)


def test_a_content_length_of_odd_digits_and_odd_charsets_are_read(server):
    server.routes["/len"] = Route(
        200, PAGE.encode(), {"Content-Type": "text/html", "Content-Length": "\u00b2"}
    )
    assert "delegations" in fetch_page(server.url("/len"), timeout=2).data.decode()  # int('²') raised
    for charset in (
        "base64",
        "zlib",
        "rot13",
        "idna",
        "undefined",
        "punycode",
        "unicode_escape",
        "x-nonsense",
    ):
        server.routes["/cs"] = Route(200, PAGE.encode(), {"Content-Type": f"text/html; charset={charset}"})
        fetched = fetch_page(server.url("/cs"), timeout=2)
        page = extract_page(fetched.data, "page", header_charset=fetched.charset)
        assert "delegations agreed" in page.text, charset


def test_decoding_never_raises_whatever_the_page_declares():
    for label in (
        "base64",
        "idna",
        "undefined",
        "punycode",
        "utf-16",
        "utf-7",
        "hz",
        "x\x00y",
        "",
        "..",
        "é",
    ):
        for data in (PAGE.encode(), b"\xff\xfe\x00", b"<meta charset=idna>\xff" + b"a" * 100):
            text, encoding, _notices = decode_page(data, label)
            assert isinstance(text, str) and encoding


def test_control_character_references_do_not_empty_a_page():
    for control in ("&#27;", "&#x1B;", "&#1;", "\x1b", "&#x7f;", "&#0;"):
        page = PAGE.replace("general staffs", f"general {control} staffs", 1)
        extracted = extract_page(page.encode(), "page.html")
        assert "delegations agreed" in extracted.text
        assert (
            "removed 1 control character(s) that are no text (a page cannot show them)" in extracted.notices
        )
    quoted = extract_page(PAGE.replace("general staffs", "&#x93;general&#x94; staffs", 1).encode(), "p.html")
    assert "\u201cgeneral\u201d" in quoted.text  # C1 references read as browsers read them
