"""Tiny causal chat models for tests, built locally with no network.

Two builders, each writing a folder that loads through ``AutoTokenizer.from_pretrained`` and
``AutoModelForCausalLM.from_pretrained`` exactly like a hub chat model:

- :func:`build_tiny_translategemma`: a random-weight Gemma 3 text model with a byte-level BPE
  tokenizer and a chat template of TranslateGemma's kind (a user turn whose content is one
  entry with ``source_lang_code``, ``target_lang_code`` and ``text``, turned by the template
  into the translator instruction of the model card).
- :func:`build_tiny_instruct`: a random-weight Qwen 3 model with a ChatML template, as
  Qwen 3 ships it (system, user and assistant roles; ``enable_thinking=False`` closes an
  empty think block), standing for any generic instruct model.

The tokenizers are trained in a second on the toy language of tests/toy_models.py and the
prompt words, so prompts tokenize into realistic pieces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toy_models import TOY_EXAMPLES, _built, toy_pairs

#: Bump when a builder changes, so cached folders are rebuilt (independent of toy_models').
CAUSAL_BUILDER_VERSION = "2"

#: Position embeddings of the tiny models.
CAUSAL_MAX_TOKENS = 1024

# A chat template that behaves as google/translategemma-4b-it's chat_template.jinja does
# (revision 10042cb0e6e7fdce748996a71dc3dc432a4e0c89): only user and assistant turns,
# alternating; a user turn's content a list of exactly one {"type": "text",
# "source_lang_code", "target_lang_code", "text"} entry; codes with "_" read as "-" and
# looked up in a code -> name map; the translator instruction, two blank lines, then the
# trimmed text. Written here from that template (found with the project's code search in a
# public repository that embeds it), from the model card's usage section (the card mirrored
# at https://hf.zhengshangchen.top/google/translategemma-4b-it, and the maintainers'
# example in https://fast.hugflare.com/google/translategemma-4b-it/discussions/16) and from
# FastFlowLM's prompt guide (superm1/FastFlowLM docs/docs/models/translategemma.md: "There
# are two blank lines before the text to translate"). The language map is cut down to the
# codes the tests use; the published one has every language the model supports.
TRANSLATEGEMMA_TEMPLATE = (
    "{%- set languages = {'en': 'English', 'id': 'Indonesian', 'ms': 'Malay'} -%}"
    "{{ bos_token }}"
    "{%- if messages[0]['role'] != 'user' -%}"
    "{{ raise_exception('Conversations must start with a user prompt.') }}"
    "{%- endif -%}"
    "{%- for message in messages -%}"
    "{%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{%- endif -%}"
    "{%- if message['role'] == 'assistant' -%}"
    "{%- if message['content'] is not string -%}"
    "{{ raise_exception('Assistant role must provide content as a string') }}"
    "{%- endif -%}"
    "{{ '<start_of_turn>model\\n' }}{{ message['content'] | trim }}"
    "{%- elif message['role'] == 'user' -%}"
    "{%- if message['content'] is string or message['content'] is not iterable"
    " or message['content'] | length != 1 -%}"
    "{{ raise_exception('User role must provide `content` as an iterable with exactly one item.') }}"
    "{%- endif -%}"
    "{%- set item = message['content'][0] -%}"
    "{%- set source_code = item['source_lang_code'] | replace('_', '-') -%}"
    "{%- set target_code = item['target_lang_code'] | replace('_', '-') -%}"
    "{%- set source = languages[source_code] -%}"
    "{%- set target = languages[target_code] -%}"
    "{{ '<start_of_turn>user\\nYou are a professional ' + source + ' (' + source_code + ') to '"
    " + target + ' (' + target_code + ') translator. Your goal is to accurately convey the"
    " meaning and nuances of the original ' + source + ' text while adhering to ' + target"
    " + ' grammar, vocabulary, and cultural sensitivities.\\n' }}"
    "{%- if item['type'] == 'text' -%}"
    "{{ 'Produce only the ' + target + ' translation, without any additional explanations or"
    " commentary. Please translate the following ' + source + ' text into ' + target"
    " + ':\\n\\n\\n' + item['text'] | trim }}"
    "{%- else -%}"
    "{{ raise_exception('Unsupported content type') }}"
    "{%- endif -%}"
    "{%- else -%}"
    "{{ raise_exception('Conversations must only contain user or assistant roles.') }}"
    "{%- endif -%}"
    "{{ '<end_of_turn>\\n' }}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<start_of_turn>model\\n' }}{%- endif -%}"
)

# Qwen 3's ChatML, without its tool-calling branches.
CHATML_TEMPLATE = (
    "{%- for message in messages -%}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\\n' }}"
    "{%- if enable_thinking is defined and enable_thinking is false -%}"
    "{{ '<think>\\n\\n</think>\\n\\n' }}{%- endif -%}"
    "{%- endif -%}"
)

_PROMPT_WORDS = [
    "You are a professional Indonesian (id) to English (en) translator of news articles.",
    "Produce only the English translation, without any additional explanations or commentary.",
    "Article title (context only, do not translate): Previous paragraph Text to translate:",
    "[1] [2] [3] [4] [5] [6] [7] [8] [9] Note: Here is the translation:",
]


def _corpus() -> list[str]:
    lines = [s for pair in toy_pairs(1500, seed=7) for s in pair]
    lines += [s for pair in TOY_EXAMPLES for s in pair]
    return lines + _PROMPT_WORDS * 20


def _tokenizer(specials: list[str], template: str, **roles: str) -> Any:
    """A byte-level BPE fast tokenizer over the toy corpus, with ``template``."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    bpe = Tokenizer(models.BPE(unk_token=None))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.train_from_iterator(
        _corpus(),
        trainers.BpeTrainer(
            vocab_size=1200,
            special_tokens=specials,
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
            show_progress=False,
        ),
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, model_max_length=CAUSAL_MAX_TOKENS, **roles
    )
    tokenizer.chat_template = template
    return tokenizer


def build_tiny_translategemma(path: str | Path, *, seed: int = 0) -> Path:
    """Build a random-weight Gemma 3 text model with a TranslateGemma-style chat template.

    Args:
        path: folder to write (replaced if it exists).
        seed: seed for the weights.

    Returns:
        ``path``, loadable with AutoTokenizer / AutoModelForCausalLM.
    """
    import torch
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig, GenerationConfig

    folder = _built(Path(path))
    specials = ["<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"]
    tokenizer = _tokenizer(
        specials,
        TRANSLATEGEMMA_TEMPLATE,
        pad_token="<pad>",
        eos_token="<eos>",
        bos_token="<bos>",
        unk_token="<unk>",
        additional_special_tokens=["<start_of_turn>", "<end_of_turn>"],
    )
    tokenizer.save_pretrained(str(folder))
    config = Gemma3TextConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=1,
        head_dim=16,
        max_position_embeddings=CAUSAL_MAX_TOKENS,
        sliding_window=128,
        pad_token_id=0,
        eos_token_id=1,
        bos_token_id=2,
    )
    torch.manual_seed(seed)
    model = Gemma3ForCausalLM(config)
    end_of_turn = tokenizer.convert_tokens_to_ids("<end_of_turn>")
    model.generation_config = GenerationConfig(
        bos_token_id=2,
        pad_token_id=0,
        eos_token_id=[1, end_of_turn],
        do_sample=True,
        top_k=64,
        top_p=0.95,
    )
    model.save_pretrained(str(folder))
    return folder


def build_tiny_instruct(path: str | Path, *, seed: int = 0) -> Path:
    """Build a random-weight Qwen 3 model with Qwen 3's ChatML chat template.

    Args:
        path: folder to write (replaced if it exists).
        seed: seed for the weights.

    Returns:
        ``path``, loadable with AutoTokenizer / AutoModelForCausalLM.
    """
    import torch
    from transformers import GenerationConfig, Qwen3Config, Qwen3ForCausalLM

    folder = _built(Path(path))
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    tokenizer = _tokenizer(
        specials,
        CHATML_TEMPLATE,
        pad_token="<|endoftext|>",
        eos_token="<|im_end|>",
        additional_special_tokens=["<|im_start|>", "<|im_end|>"],
    )
    tokenizer.save_pretrained(str(folder))
    config = Qwen3Config(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=1,
        head_dim=16,
        max_position_embeddings=CAUSAL_MAX_TOKENS,
        tie_word_embeddings=True,
        pad_token_id=0,
        eos_token_id=2,
    )
    torch.manual_seed(seed)
    model = Qwen3ForCausalLM(config)
    model.generation_config = GenerationConfig(
        pad_token_id=0, eos_token_id=[2, 0], do_sample=True, temperature=0.6, top_p=0.95
    )
    model.save_pretrained(str(folder))
    return folder
