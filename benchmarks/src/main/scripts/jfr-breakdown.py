#!/usr/bin/env python3
"""CPU samples of a JFR recording by library: where the top frame is (self) and which
libraries appear anywhere on the stack (inclusive), for the JMH worker threads only.

usage: jfr-breakdown.py recording.jfr [more.jfr ...]   (needs `jfr` on PATH)
"""
import collections
import json
import subprocess
import sys

LIBRARIES = [
    ("chanuka", "io.github.chanuka.database."),
    ("datasource-proxy", "net.ttddyy.dsproxy."),
    ("micrometer", "io.micrometer."),
    ("resilience4j", "io.github.resilience4j."),
    ("spring-tx", "org.springframework.transaction."),
    ("spring-aop", "org.springframework.aop."),
    ("lazy-connection-proxy", "org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy"),
    ("spring-jdbc", "org.springframework.jdbc."),
    ("spring-other", "org.springframework."),
    ("hikari", "com.zaxxer.hikari."),
    ("pgjdbc", "org.postgresql."),
    ("jmh", "org.openjdk.jmh."),
    ("benchmark", "io.github.chanuka.database.benchmarks."),
    ("jdk", ""),
]


def library(type_name):
    for name, prefix in LIBRARIES:
        if name == "chanuka" and type_name.startswith("io.github.chanuka.database.benchmarks."):
            continue
        if type_name.startswith(prefix):
            return name
    return "jdk"


def frames(event):
    stack = event["values"].get("stackTrace") or {}
    for frame in stack.get("frames", []):
        method = frame["method"]
        yield method["type"]["name"].replace("/", ".") + "." + method["name"]


def main(paths):
    total = 0
    self_by_lib = collections.Counter()
    incl_by_lib = collections.Counter()
    self_by_method = collections.Counter()
    owner_by_lib = collections.Counter()
    incl_by_method = collections.Counter()
    for path in paths:
        out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "128", "--events",
                              "jdk.ExecutionSample", path], check=True, capture_output=True, text=True).stdout
        for event in json.loads(out)["recording"]["events"]:
            thread = (event["values"].get("sampledThread") or {}).get("javaName") or ""
            if "jmh-worker" not in thread:
                continue
            stack = list(frames(event))
            if not stack:
                continue
            total += 1
            self_by_lib[library(stack[0])] += 1
            owner = next((library(f) for f in stack if library(f) != "jdk"), "jdk")
            owner_by_lib[owner] += 1
            self_by_method[stack[0]] += 1
            for lib in {library(f) for f in stack}:
                incl_by_lib[lib] += 1
            for method in set(stack):
                incl_by_method[method] += 1
    print(f"worker CPU samples: {total}")
    print("\nlibrary | self % | self incl. JDK code it calls % | inclusive %")
    for lib, _ in LIBRARIES:
        if self_by_lib[lib] or incl_by_lib[lib]:
            print(f"{lib} | {100.0 * self_by_lib[lib] / total:.1f} | {100.0 * owner_by_lib[lib] / total:.1f}"
                  f" | {100.0 * incl_by_lib[lib] / total:.1f}")
    print("\ntop self methods")
    for method, count in self_by_method.most_common(25):
        print(f"{100.0 * count / total:5.1f}% {method}")
    print("\ntop inclusive methods of the starter and its libraries")
    shown = 0
    for method, count in incl_by_method.most_common():
        if library(method) in ("chanuka", "datasource-proxy", "micrometer", "resilience4j", "lazy-connection-proxy"):
            print(f"{100.0 * count / total:5.1f}% {method}")
            shown += 1
            if shown == 30:
                break


if __name__ == "__main__":
    main(sys.argv[1:])
