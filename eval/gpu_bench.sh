#!/usr/bin/env bash
# The translation speed benchmark (eval/bench_speed.py) on a CUDA machine, in a few minutes.
#
#   eval/gpu_bench.sh prepare   # here, with the venv and the shared data: stage the model
#                               # (config + tokenizer, no weights), the sentences and the
#                               # ctranslate2 wheel, into ignored folders (a few tens of MB)
#   eval/gpu_bench.sh [run]     # on the GPU machine (python3 with CUDA torch + transformers):
#                               # install the staged wheel if ctranslate2 is missing, give
#                               # the model random weights, run every configuration on cuda;
#                               # then eval/bench_llm.py: a TranslateGemma-4B-sized chat
#                               # model (random weights, bfloat16) per article, ~3 minutes
#   eval/gpu_bench.sh llm       # only the bench_llm.py part (on the GPU machine)
#
# With the device tool: run(command="eval/gpu_bench.sh run", carry=[".whl", ".cache/gpu-bench"]).
# Results go to $OUT (or /tmp): bench_gpu.md (the table) and bench_gpu.json, bench_llm_gpu.md
# and bench_llm_gpu.json.
set -euo pipefail
cd "$(dirname "$0")/.."

STAGE=.cache/gpu-bench
CT2_VERSION=${CT2_VERSION:-4.8.5}
SENTENCES=${SENTENCES:-256}
REPEATS=${REPEATS:-3}
RESULTS=${OUT:-/tmp}

case "${1:-run}" in
prepare)
    PY=${PYTHON:-.venv/bin/python}
    "$PY" eval/bench_speed.py --stage "$STAGE"
    "$PY" eval/bench_llm.py --stage "$STAGE/llm"
    python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 \
        --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
        --platform manylinux2014_x86_64 -d .whl "ctranslate2==$CT2_VERSION"
    du -sh "$STAGE" .whl
    ;;
run)
    PY=${PYTHON:-python3}
    if ! "$PY" -c "import ctranslate2" 2>/dev/null; then
        if ls .whl/ctranslate2-*.whl >/dev/null 2>&1; then
            "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir \
                --upgrade --target /tmp/site .whl/ctranslate2-*.whl
            export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
        else
            echo "ctranslate2 is not installed and no wheel is staged: its rows will fail" >&2
        fi
    fi
    "$PY" -c "import ctranslate2 as c; print('ctranslate2', c.__version__, 'CUDA devices:', c.get_cuda_device_count())" || true
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
    # ctranslate2 4.x wheels load libcublas.so.12: without it the ctranslate2 rows fail.
    ldconfig -p | grep -E "libcublas\.so\.1[0-9]" || echo "no libcublas in the loader cache" >&2
    export PYTHONUNBUFFERED=1 SUMMARIZER_CACHE=/tmp/summarizer-cache
    "$PY" eval/bench_ngram.py --device cuda | tee "$RESULTS/bench_ngram_gpu.md" || true
    "$PY" eval/bench_speed.py --device cuda --model "$STAGE/model" --data "$STAGE/sentences.txt" \
        --sentences "$SENTENCES" --repeats "$REPEATS" --json "$RESULTS/bench_gpu.json" \
        | tee "$RESULTS/bench_gpu.md" || true
    bash eval/gpu_bench.sh llm
    ;;
llm)
    PY=${PYTHON:-python3}
    export PYTHONUNBUFFERED=1
    "$PY" eval/bench_llm.py --device cuda --model "$STAGE/llm" --repeats "$REPEATS" \
        --json "$RESULTS/bench_llm_gpu.json" | tee "$RESULTS/bench_llm_gpu.md"
    ;;
*)
    echo "usage: eval/gpu_bench.sh [prepare|run|llm]" >&2
    exit 2
    ;;
esac
