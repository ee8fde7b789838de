"""The benchmark's vocabulary: ~5,000 English-like words with Zipfian weights.

Real common English words take the top ranks (so text reads like prose and the
most frequent terms behave like stop words do in real notes); deterministic
pseudo-words made from English-like syllables fill the long tail. The list does
not depend on any seed, so the generator and the query sampler agree on it.
"""

import itertools
import random

# A few hundred of the most common English words, roughly in frequency order.
COMMON = """
the of and to a in is it you that he was for on are with as his they be at one
have this from or had by not word but what some we can out other were all there
when up use your how said an each she which do their time if will way about many
then them write would like so these her long make thing see him two has look more
day could go come did number sound no most people my over know water than call
first who may down side been now find any new work part take get place made live
where after back little only round man year came show every good me give our under
name very through just form sentence great think say help low line differ turn
cause much mean before move right boy old too same tell does set three want air
well also play small end put home read hand port large spell add even land here
must big high such follow act why ask men change went light kind off need house
picture try us again animal point mother world near build self earth father head
stand own page should country found answer school grow study still learn plant
cover food sun four between state keep eye never last let thought city tree cross
farm hard start might story saw far sea draw left late run while press close
night real life few north open seem together next white children begin got walk
example ease paper group always music those both mark often letter until mile
river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch colour face wood main
enough plain girl usual young ready above ever red list though feel talk bird
soon body dog family direct pose leave song measure door product black short
numeral class wind question happen complete ship area half rock order fire south
problem piece told knew pass since top whole king space heard best hour better
true during hundred five remember step early hold west ground interest reach fast
verb sing listen six table travel less morning ten simple several vowel toward
war lay against pattern slow centre love person money serve appear road map rain
rule govern pull cold notice voice unit power town fine certain fly fall lead cry
dark machine note wait plan figure star box noun field rest correct able pound
done beauty drive stood contain front teach week final gave green oh quick
develop ocean warm free minute strong special mind behind clear tail produce fact
street inch multiply nothing course stay wheel full force blue object decide
surface deep moon island foot system busy test record boat common gold possible
plane stead dry wonder laugh thousand ago ran check game shape equate hot miss
brought heat snow tyre bring yes distant fill east paint language among beach
dress cafe window harbour sunset garden kitchen recipe lemon coffee bread train
station summer winter autumn spring holiday meeting budget project camera photo
video film market bridge castle village forest lake valley cloud storm bicycle
""".split()

_ONSETS = [
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t",
    "v", "w", "z", "br", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th",
    "tr", "ch", "sp", "sl",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou", "y"]
_CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ck", "rt"]

SIZE = 5000
ZIPF_EXPONENT = 1.07


def _pseudo_words(count, exclude):
    """Deterministic pronounceable words of one to three syllables."""
    rng = random.Random(20240501)
    seen = set(exclude)
    words = []
    while len(words) < count:
        syllables = rng.choices([1, 2, 3], weights=[2, 5, 3])[0]
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
            for _ in range(syllables)
        )
        if 3 <= len(word) <= 12 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _build():
    common = list(dict.fromkeys(COMMON))
    words = common + _pseudo_words(SIZE - len(common), common)
    weights = [1.0 / (rank ** ZIPF_EXPONENT) for rank in range(1, len(words) + 1)]
    cumulative = list(itertools.accumulate(weights))
    return words, cumulative


WORDS, CUMULATIVE_WEIGHTS = _build()
RANK = {word: rank for rank, word in enumerate(WORDS, start=1)}


def sample(rng, count):
    """`count` words drawn with Zipfian frequencies."""
    return rng.choices(WORDS, cum_weights=CUMULATIVE_WEIGHTS, k=count)
