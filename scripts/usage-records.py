#!/usr/bin/env python3
"""Writes N OpenAI-style usage records (JSON Lines) for timing `ratecard usage`.

usage: scripts/usage-records.py [N] > target/usage-1m.jsonl
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
random.seed(14)
models = ["GLM-5", "deepseek-r1-0528", "kimi-k2.5", "MiniMax-M2.5"]
out = sys.stdout
for i in range(n):
    m = random.choice(models)
    p = random.randint(100, 60000)
    c = random.randint(10, 4000)
    out.write(
        '{"id":"r%d","model":"%s","usage":{"prompt_tokens":%d,"completion_tokens":%d,'
        '"prompt_tokens_details":{"cached_tokens":%d},"completion_tokens_details":{"reasoning_tokens":%d}}}\n'
        % (i, m, p, c, p // 4, c // 3)
    )
