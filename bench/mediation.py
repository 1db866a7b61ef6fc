"""Benchmark of the 云调解室 scene: live rooms on loopback, and the dossier.

    .venv/bin/python bench/mediation.py            # 200 rooms x 3 participants, 60 s (issue 24)
    .venv/bin/python bench/mediation.py --quick    # 20 rooms, 10 s

A real HTTP server (Django's threaded live server) serves the rooms; each participant keeps the joint session's
event stream open (``/mediation/<id>/room/joint/events``, as the page's live.js does) and posts a message through
``/room/joint/post`` every ``--interval`` seconds (with jitter), logged in with its own session. Every message
carries its send time; each reader notes when it arrives. Figures: ``messages_per_s`` (posted and committed),
``delivery_p95_ms`` / ``delivery_p50_ms`` (post sent → frame read, over every (message, reader) pair),
``lost`` and ``duplicated`` (counted: every participant of a room must read every message of the room once).
Baseline, measured in the same run on a slice of the rooms: the same participants reading by short polling once a
second (``?after=N``, what a page without a live channel does), ``baseline_p95_ms`` and ``ratio`` =
baseline p95 / live p95. ``dossier_ms``: one click's dossier (rendered, platform-signed, ledgered) for a case with
a long transcript (``dossier_pages`` pages). ``asr_realtime_factor``: recognition time / audio length of the offline
engine (Whisper base, ``ZHILI_ASR_THREADS=1``: one core) on a minute of real recorded Mandarin (the tests' FLEURS
clip four times with a second's pause between, after one warm-up run); ``asr_clip_factor`` and ``asr_cer`` on the
13.9 s clip alone. ``--asr-only`` measures only that.
The database is a fresh test database (SQLite file by default; PostgreSQL with ZHILI_DATABASE_URL).
"""

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
os.environ.setdefault("ZHILI_TEST_DATABASE_NAME", "bench_mediation")
os.environ.setdefault("ZHILI_LIVE_STREAM_SECONDS", "600")

CSRF = "b" * 32


class Participant:
    """One person in one room: a stream reader thread, and a sender."""

    def __init__(self, host, port, room_id, session_cookie, label):
        self.host, self.port, self.room_id, self.cookie, self.label = host, port, room_id, session_cookie, label
        self.received: dict[str, float] = {}
        self.duplicates = 0
        self.reconnects = 0
        self.stop = threading.Event()
        self.ready = threading.Event()

    def headers(self):
        return {"Cookie": f"sessionid={self.cookie}; csrftoken={CSRF}", "X-CSRFToken": CSRF}

    def read_stream(self):
        """Keep the stream open; on a refused or dropped connection reconnect from the last number seen
        (``Last-Event-ID``), as the browser's EventSource does."""
        last = 0
        while not self.stop.is_set():
            try:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                conn.request("GET", f"/mediation/{self.room_id}/room/joint/events",
                             headers={**self.headers(), "Last-Event-ID": str(last)})
                response = conn.getresponse()
                buffer = b""
                self.ready.set()
                while not self.stop.is_set():
                    chunk = response.read1(65536)
                    if not chunk:
                        break
                    now = time.time()
                    buffer += chunk
                    while b"\n\n" in buffer:
                        frame, buffer = buffer.split(b"\n\n", 1)
                        for line in frame.split(b"\n"):
                            if line.startswith(b"data:"):
                                record = json.loads(line[5:])
                                last = max(last, record["seq"])
                                key = record["text"]
                                if key in self.received:
                                    self.duplicates += 1
                                else:
                                    self.received[key] = now
                conn.close()
            except OSError:
                self.reconnects += 1
                time.sleep(0.5)

    def poll(self, until):
        after = 0
        while time.time() < until:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                conn.request("GET", f"/mediation/{self.room_id}/room/joint/poll?after={after}",
                             headers=self.headers())
                body = json.loads(conn.getresponse().read())
            except OSError:  # refused or timed out: poll again
                self.reconnects += 1
                time.sleep(1.0)
                continue
            finally:
                conn.close()
            now = time.time()
            for record in body["messages"]:
                if record["text"] in self.received:
                    self.duplicates += 1
                else:
                    self.received[record["text"]] = now
            after = body["last_seq"]
            time.sleep(1.0)

    def post(self, text):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        body = f"text={text}"
        headers = {**self.headers(), "Content-Type": "application/x-www-form-urlencoded"}
        try:
            conn.request("POST", f"/mediation/{self.room_id}/room/joint/post", body=body.encode(), headers=headers)
            status = conn.getresponse().status
        except OSError:  # refused or timed out: counted as a failed post
            return False
        finally:
            conn.close()
        return status == 201


def make_rooms(count, *, mediator, committee, county, admin):
    """One room through the services (application, invitation accepted: the real intake, which the dossier
    timing uses), then ``count`` rooms in mediation made set-based from it: the workers and employer contacts,
    the mediations, their claims and records, the joint sessions' channels and the participants' login sessions
    each in one bulk insert. (Through the services each room cost about 3 s here, mostly the Argon2 password hash
    of two new accounts and the signed ledger and audit entries of intake: 10 minutes for 200 rooms.) The copies
    carry no core.cases case and no intake history: the room's endpoints read neither."""
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from zhili.core.identity.api import Role, add_membership
    from zhili.core.live.api import Channel as LiveChannel
    from zhili.core.testing.api import UserFactory, make_id_number, make_uscc
    from zhili.scenes.mediation import services
    from zhili.scenes.mediation.choices import Channel, MediationStatus, Side
    from zhili.scenes.mediation.models import Claim, Mediation, Record

    worker = UserFactory(verified=True, phone="13799999999")
    add_membership(worker, role=Role.WORKER)
    employer = UserFactory(verified=True, phone="13699999999")
    first = services.apply_for_mediation(
        channel=Channel.WORKER, applicant_side=Side.WORKER, region=county, worker_name=worker.name,
        worker_phone=worker.phone, employer_name="测试企业", employer_uscc=make_uscc(sequence=4999),
        employer_phone=employer.phone, dispute_type="wages", facts="欠薪", actor=worker,
        claims=[{"kind": "wages", "amount": "1000"}])
    first = services.respond_to_invitation(first, accept=True, actor=employer)

    User = get_user_model()
    now = timezone.now()
    people = []
    for i in range(count):
        for prefix, offset in (("137", 0), ("136", count)):
            birth = dt.date(1970, 1, 1) + dt.timedelta(days=i + offset)
            user = User(username=f"bench{prefix}{i}", name=f"参与人{prefix}{i}", phone=f"{prefix}{i:08d}",
                        id_number=make_id_number(region_code="330183", birth=f"{birth:%Y%m%d}", sequence=777),
                        verified_at=now, verification_method=worker.verification_method)
            user.set_unusable_password()
            people.append(user)
    User.objects.bulk_create(people, batch_size=500)
    people = {u.username: u for u in User.objects.filter(username__startswith="bench")}
    today = timezone.localdate()
    mediations = []
    for i in range(count):
        w, e = people[f"bench137{i}"], people[f"bench136{i}"]
        mediations.append(Mediation(
            number=f"BM{today:%Y%m%d}{i:05d}", region=county, channel=Channel.WORKER, applicant_side=Side.WORKER,
            filed_by=w, worker=w, worker_name=w.name, worker_phone=w.phone, employer_name=f"测试企业{i}",
            employer_uscc=make_uscc(sequence=5000 + i), employer_phone=e.phone, employer_contact=e,
            dispute_type="wages", facts="欠薪", status=MediationStatus.MEDIATING, received_on=today,
            deadline_on=today + dt.timedelta(days=15), responded_at=now, mediator=mediator, committee=committee))
    Mediation.objects.bulk_create(mediations, batch_size=500)
    mediations = list(Mediation.objects.filter(number__startswith="BM").order_by("number"))
    Claim.objects.bulk_create([Claim(mediation=m, kind="wages", amount=1000) for m in mediations])
    Record.objects.bulk_create([Record(mediation=m) for m in mediations])
    LiveChannel.objects.bulk_create([
        LiveChannel(key=services.room.channel_key(m, "joint"), title=f"{m.number} 联合调解",
                    subject_type=Mediation._meta.label_lower, subject_id=str(m.pk)) for m in [first, *mediations]])
    backend = settings.AUTHENTICATION_BACKENDS[0]
    sessions, rooms = [], []
    for m in [*mediations, first]:
        cookies = []
        for user in (mediator, m.worker, m.employer_contact or employer):
            key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
            data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: user.get_session_auth_hash()}
            sessions.append(Session(session_key=key, session_data=SessionStore().encode(data),
                                    expire_date=now + dt.timedelta(days=1)))
            cookies.append(key)
        rooms.append((m, cookies))
    Session.objects.bulk_create(sessions, batch_size=500)
    return rooms


def run_live(rooms, host, port, seconds, interval):
    participants = [[Participant(host, port, m.pk, c, f"r{m.pk}p{j}") for j, c in enumerate(cookies)]
                    for m, cookies in rooms]
    readers = []
    for group in participants:
        for p in group:
            t = threading.Thread(target=p.read_stream, daemon=True)
            t.start()
            readers.append(t)
    for group in participants:
        for p in group:
            p.ready.wait(60)
    time.sleep(1.0)
    sent: dict[str, tuple[float, int]] = {}
    lock = threading.Lock()
    failures = [0]
    end = time.time() + seconds

    def sender(p, room_index):
        rng = random.Random(p.label)
        n = 0
        time.sleep(rng.uniform(0, interval))
        while time.time() < end:
            key = f"{p.label}-{n}"
            t0 = time.time()
            with lock:
                sent[key] = (t0, room_index)
            if not p.post(key):
                failures[0] += 1
                with lock:
                    del sent[key]
            n += 1
            time.sleep(max(0.0, interval + rng.uniform(-0.3, 0.3) * interval - (time.time() - t0)))

    senders = [threading.Thread(target=sender, args=(p, i), daemon=True)
               for i, group in enumerate(participants) for p in group]
    started = time.time()
    for t in senders:
        t.start()
    for t in senders:
        t.join()
    posted_s = time.time() - started
    time.sleep(3.0)  # the last frames arrive
    for group in participants:
        for p in group:
            p.stop.set()
    latencies, lost, dup = [], 0, 0
    for key, (t0, room_index) in sent.items():
        for p in participants[room_index]:
            got = p.received.get(key)
            if got is None:
                lost += 1
            else:
                latencies.append((got - t0) * 1000)
    dup = sum(p.duplicates for group in participants for p in group)
    reconnects = sum(p.reconnects for group in participants for p in group)
    return {"messages": len(sent), "messages_per_s": round(len(sent) / posted_s, 1), "post_failures": failures[0],
            "deliveries": len(latencies), "lost": lost, "duplicated": dup, "reconnects": reconnects,
            "delivery_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            "delivery_p95_ms": round(statistics.quantiles(latencies, n=20)[18], 1) if len(latencies) > 20 else None}


class ConnectionWatch:
    """The most database sessions open at once on the benchmark's database during the exchange (PostgreSQL:
    ``pg_stat_activity``, sampled every 0.2 s on a connection of its own; None on SQLite)."""

    def __init__(self):
        from django.db import connection

        self.most = None
        self._stop = threading.Event()
        if connection.vendor != "postgresql":
            return
        import psycopg

        params = connection.get_connection_params()
        keep = {k: params[k] for k in ("dbname", "user", "password", "host", "port") if params.get(k)}
        self.most = 0
        self._conn = psycopg.connect(autocommit=True, **keep)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            count = self._conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                       ).fetchone()[0]
            self.most = max(self.most, count - 1)  # not this one
            time.sleep(0.2)

    def stop(self):
        if self.most is not None:
            self._stop.set()
            self._thread.join()
            self._conn.close()
        return self.most


def run_polling(rooms, host, port, seconds, interval):
    """The baseline: the same exchange, read by short polling once a second."""
    participants = [[Participant(host, port, m.pk, c, f"q{m.pk}p{j}") for j, c in enumerate(cookies)]
                    for m, cookies in rooms]
    end = time.time() + seconds
    pollers = [threading.Thread(target=p.poll, args=(end + 3,), daemon=True) for g in participants for p in g]
    for t in pollers:
        t.start()
    sent = {}
    lock = threading.Lock()

    def sender(i, group):  # one message per room every interval, from one of its participants in turn
        rng = random.Random(i)
        n = 0
        while time.time() < end:
            t0 = time.time()
            p = rng.choice(group)
            key = f"{p.label}-{n}"
            with lock:
                sent[key] = (t0, i)
            if not p.post(key):
                with lock:
                    del sent[key]
            n += 1
            time.sleep(max(0.0, interval - (time.time() - t0)))

    senders = [threading.Thread(target=sender, args=(i, g), daemon=True) for i, g in enumerate(participants)]
    for t in senders:
        t.start()
    for t in senders + pollers:
        t.join()
    latencies = [(p.received[key] - t0) * 1000 for key, (t0, i) in sent.items() for p in participants[i]
                 if key in p.received]
    return round(statistics.quantiles(latencies, n=20)[18], 1) if len(latencies) > 20 else None


def dossier_timing(room, mediator, messages):
    from zhili.scenes.mediation import services

    m, _cookies = room
    for i in range(messages):
        services.post_room_message(m, session="joint", text=f"第{i + 1}条发言：" + "双方就工资支付时间进行协商。" * 3,
                                   actor=mediator)
    services.build_dossier(m, actor=mediator)  # warm: fonts, platform certificate
    t0 = time.perf_counter()
    pdf = services.build_dossier(m, actor=mediator)
    elapsed = (time.perf_counter() - t0) * 1000
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    pages = int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])
    return round(elapsed, 1), pages


def asr_timing() -> dict:
    """Speech to text on one core (see the module docstring)."""
    import numpy as np

    from zhili.scenes.mediation import speech
    from zhili.scenes.mediation.speech.whisper import WhisperEngine
    from zhili.scenes.mediation.tests.test_speech import FLEURS, FLEURS_TEXT, cer

    t0 = time.perf_counter()
    engine = WhisperEngine(threads=1)
    load_s = time.perf_counter() - t0
    clip = speech.decode(FLEURS.read_bytes())
    engine.transcribe(clip)  # warm-up
    t0 = time.perf_counter()
    text = engine.transcribe(clip)
    clip_s = time.perf_counter() - t0
    pause = np.zeros(speech.SAMPLE_RATE, dtype=np.float32)
    minute = np.concatenate([clip, pause] * 4)
    t0 = time.perf_counter()
    engine.transcribe(minute)
    minute_s = time.perf_counter() - t0
    seconds = minute.size / speech.SAMPLE_RATE
    return {"asr_realtime_factor": round(minute_s / seconds, 3), "asr_audio_s": round(seconds, 1),
            "asr_clip_factor": round(clip_s / (clip.size / speech.SAMPLE_RATE), 3),
            "asr_cer": round(cer(FLEURS_TEXT, text), 3), "asr_load_s": round(load_s, 2), "asr_threads": 1}


def main() -> None:
    from runenv import production_mode

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rooms", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between one participant's messages")
    parser.add_argument("--keepdb", action="store_true",
                        help="use the test database as it is (made beforehand, e.g. copied from a migrated template)"
                             " and leave it")
    parser.add_argument("--dossier-messages", type=int, default=390,
                        help="the transcript's length in the dossier's case (390: a 30-page dossier)")
    parser.add_argument("--no-asr", action="store_true", help="leave out the speech-to-text figures")
    parser.add_argument("--asr-only", action="store_true", help="only the speech-to-text figures")
    args = parser.parse_args()
    rooms_n = args.rooms or (20 if args.quick else 200)
    seconds = args.seconds or (10.0 if args.quick else 60.0)
    production_mode()

    import django

    django.setup()
    if args.asr_only:
        print(json.dumps(asr_timing(), ensure_ascii=False))
        return
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    class BenchServer(ThreadedWSGIServer):
        """Django's threaded server with a production server's listen backlog (gunicorn's 2048): with Django's 10,
        600 streams opening at once and 200 posts a second find the queue full and their connections time out."""

        request_queue_size = 2048

    class BenchServerThread(LiveServerThread):
        server_class = BenchServer
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=args.keepdb)
    try:
        from zhili.core.identity.api import Role
        from zhili.core.orgs.api import Organization, OrganizationKind
        from zhili.core.testing.api import MembershipFactory, RegionFactory, UserFactory
        from zhili.scenes.mediation import services
        from zhili.scenes.mediation.roles import ADMIN

        county = RegionFactory()
        committee = Organization.objects.create(kind=OrganizationKind.MEDIATION_ORG, name="测试调解委员会", region=county)
        admin = UserFactory(verified=True)
        MembershipFactory(user=admin, role=ADMIN, organization=committee, region=county)
        mediator = UserFactory(verified=True)
        MembershipFactory(user=mediator, role=Role.MEDIATOR, organization=committee, region=county)
        services.save_mediator_profile(mediator, organization=committee, region=county, actor=admin)
        t0 = time.perf_counter()
        rooms = make_rooms(rooms_n, mediator=mediator, committee=committee, county=county, admin=admin)
        setup_s = time.perf_counter() - t0
        connection.close()
        server = BenchServerThread("localhost", _StaticFilesHandler)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        watch = ConnectionWatch()
        live = run_live(rooms[:rooms_n], "localhost", server.port, seconds, args.interval)
        live["db_connections_max"] = watch.stop()
        slice_n = max(2, rooms_n // 10)
        baseline = run_polling(rooms[:slice_n], "localhost", server.port, min(seconds, 15.0), args.interval)
        server.terminate()
        dossier_ms, pages = dossier_timing(rooms[-1], mediator, args.dossier_messages)
        figures = {"rooms": rooms_n, "participants": rooms_n * 3, "seconds": seconds, **live,
                   "baseline_p95_ms": baseline,
                   "ratio": round(baseline / live["delivery_p95_ms"], 2) if baseline and live["delivery_p95_ms"] else None,
                   "dossier_ms": dossier_ms, "dossier_pages": pages, **({} if args.no_asr else asr_timing()), "setup_s": round(setup_s, 1),
                   "database": connection.vendor}
        print(json.dumps(figures, ensure_ascii=False))
    finally:
        if connection.vendor == "postgresql":  # stream handlers of the threaded server may still hold a session
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        if not args.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
