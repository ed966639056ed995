#!/usr/bin/env python3
"""Times partition listings of default.events (100,000 partitions) over the HMS Thrift API; see docs/BENCHMARKS.md.

Usage: bench_partitions.py GEN_DIR PORT [accelerated|raw], where GEN_DIR holds `thrift --gen py hive_metastore_subset.thrift`
output. With `accelerated` the client decodes with thrift's C extension (TBinaryProtocolAccelerated), so that the
timings show more of the server and less of pure-Python decoding. With `raw` only get_partitions (all) is timed, over a
plain socket: the request is sent and the reply's bytes are read and counted, not decoded (the time is that of the
last byte; the reader then waits one idle second to be sure the reply has ended). Not a test: it prints timings and
asserts nothing.
"""
import sys
import time

sys.path.insert(0, sys.argv[1])
from thrift.protocol import TBinaryProtocol
from thrift.transport import TSocket, TTransport
from hms_subset import ThriftHiveMetastore
port = int(sys.argv[2])
if len(sys.argv) > 3 and sys.argv[3] == "raw":
    import socket
    buffer = TTransport.TMemoryBuffer()
    ThriftHiveMetastore.Client(TBinaryProtocol.TBinaryProtocol(buffer)).send_get_partitions("default", "events", -1)
    request = buffer.getvalue()
    for _ in range(3):
        s = socket.create_connection(("127.0.0.1", port))
        t0 = time.perf_counter(); s.sendall(request)
        first = s.recv(1 << 16); t_first = t_last = time.perf_counter(); total = len(first)
        s.settimeout(1.0)
        try:
            while True:
                data = s.recv(1 << 20)
                if not data: break
                total += len(data); t_last = time.perf_counter()
        except socket.timeout:
            pass
        s.close()
        print(f"get_partitions (all), raw: {total / 1e6:.1f} MB, first byte after {(t_first - t0) * 1000:.0f} ms, last after {(t_last - t0) * 1000:.0f} ms")
    sys.exit(0)
accelerated = len(sys.argv) > 3 and sys.argv[3] == "accelerated"
transport = TTransport.TBufferedTransport(TSocket.TSocket("127.0.0.1", port))
protocol = TBinaryProtocol.TBinaryProtocolAccelerated if accelerated else TBinaryProtocol.TBinaryProtocol
client = ThriftHiveMetastore.Client(protocol(transport))
transport.open()
def timed(name, call):
    best = None
    for _ in range(3):
        t0 = time.perf_counter(); result = call(); dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print(f"{name}: {len(result)} results, best of 3 {best*1000:.0f} ms")
timed("get_partition_names (all)", lambda: client.get_partition_names("default", "events", -1))
timed("get_partitions_by_filter dt = '2021-06-01'", lambda: client.get_partitions_by_filter("default", "events", "dt = '2021-06-01'", -1))
timed("get_partitions_by_filter region = 7", lambda: client.get_partitions_by_filter("default", "events", "region = 7", -1))
timed("get_partitions_by_filter region > 90", lambda: client.get_partitions_by_filter("default", "events", "region > 90", -1))
names = [f"dt=2021-06-01/region={r}" for r in range(100)]
timed("get_partitions_by_names (100 names)", lambda: client.get_partitions_by_names("default", "events", names))
timed("get_partitions (all)", lambda: client.get_partitions("default", "events", -1))
