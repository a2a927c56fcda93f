"""Rating writes of bench/faults.sh: POST /api/users/{user}/ratings at a fixed rate, each (user, movie) pair once,
for DURATION seconds; every answer's time (time.monotonic, in ms, the clock of bench/faults-load.lua), user, movie,
status (0: no answer) and whether it is a 503 saying that the connection was lost during the commit (1: the rating
may have been saved) is written to LOG, one line each.

    python3 bench/faults-writes.py BASE_URL TOKEN FIRST_USER USERS MOVIE_IDS_FILE RATE DURATION LOG
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, token, first_user, users, movies_file, rate, duration, log_path = sys.argv[1:9]
first_user, users, rate, duration = int(first_user), int(users), float(rate), float(duration)
movies = [int(line) for line in open(movies_file) if line.strip()]
url = urllib.parse.urlsplit(base)
lock = threading.Lock()
log = open(log_path, "w", buffering=1)


def write(n):
    user, movie = first_user + n // len(movies), movies[n % len(movies)]
    body = json.dumps({"movieId": movie, "rating": 0.5 + (n % 10) * 0.5})
    try:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        connection.request("POST", f"/api/users/{user}/ratings", body,
                           {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        response = connection.getresponse()
        status, text = response.status, response.read().decode("utf-8", "replace")
        connection.close()
    except OSError:
        status, text = 0, ""
    cut_off = int(status == 503 and "may or may not have been saved" in text)
    with lock:
        log.write(f"{time.monotonic() * 1000:.1f} {user} {movie} {status} {cut_off}\n")


if users * len(movies) < rate * duration:
    sys.exit(f"{users} users x {len(movies)} movies are fewer than the {rate * duration:.0f} writes asked")
threads = []
start = time.monotonic()
n = 0
while time.monotonic() - start < duration:
    thread = threading.Thread(target=write, args=(n,))
    thread.start()
    threads.append(thread)
    n += 1
    time.sleep(max(0.0, start + n / rate - time.monotonic()))
for thread in threads:
    thread.join()
