#!/usr/bin/env python3
"""De-Mail mass sending benchmark (bench/run.sh --demail-mass).

Hands one clerk's mail to N De-Mail recipients to the gateway in one SMTP transaction, then
watches the gateway's Prometheus endpoint until all recipients are delivered to the provider
(here the provider simulator inside the gateway), sampling the heap meanwhile. Prints the
recipients delivered per second (from the end of DATA to the last delivery) and the peak heap.
"""
import argparse
import re
import smtplib
import sys
import time
import urllib.request

DELIVERED = re.compile(r'^poststelle_recipients_delivered_total(?:\{[^}]*\})? ([0-9.eE+]+)$', re.M)
HEAP = re.compile(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\} ([0-9.eE+]+)$', re.M)


def metrics(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        text = response.read().decode()
    delivered = sum(float(v) for v in DELIVERED.findall(text))
    heap = sum(float(v) for v in HEAP.findall(text))
    return delivered, heap


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--metrics-url', required=True)
    parser.add_argument('--recipients', type=int, default=10000)
    parser.add_argument('--sender', required=True)
    parser.add_argument('--recipient-domain', required=True)
    parser.add_argument('--timeout', type=int, default=1800)
    args = parser.parse_args()

    before, peak_heap = metrics(args.metrics_url)
    recipients = ['buerger%d@%s' % (i, args.recipient_domain) for i in range(args.recipients)]
    message = ('From: %s\r\nTo: undisclosed-recipients:;\r\nSubject: Rundschreiben an alle\r\n'
               'Message-ID: <rundschreiben-%d@bench>\r\n\r\n' % (args.sender, time.time_ns())
               + 'Sehr geehrte Damen und Herren,\r\n' * 100)
    started = time.monotonic()
    with smtplib.SMTP('127.0.0.1', args.port, timeout=600) as smtp:
        refused = smtp.sendmail(args.sender, recipients, message)
    accepted = time.monotonic()
    if refused:
        print('refused recipients: %d' % len(refused), file=sys.stderr)
    expected = args.recipients - len(refused)

    delivered = 0
    while delivered < expected and time.monotonic() - accepted < args.timeout:
        time.sleep(0.5)
        total, heap = metrics(args.metrics_url)
        delivered = int(total - before)
        peak_heap = max(peak_heap, heap)
    finished = time.monotonic()

    seconds = finished - accepted
    print('De-Mail mass sending: %d recipients in one mail, submitted in %.1f s' % (args.recipients, accepted - started))
    print('delivered to the provider (simulator): %d of %d in %.1f s' % (delivered, expected, seconds))
    print('RESULT scenario=demail-mass recipients=%d delivered=%d seconds=%.1f msgs_per_s=%.1f peak_heap_mb=%.0f'
          % (args.recipients, delivered, seconds, delivered / seconds if seconds > 0 else 0, peak_heap / 2**20))
    return 0 if delivered >= expected else 1


if __name__ == '__main__':
    sys.exit(main())
