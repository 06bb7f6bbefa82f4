"""Lead, cooperating and responsible units of a task, in the forms plans write them.

Two forms are read (offsets into the normalised text):

- **a parenthesis of units and roles**, after the sentences it applies to:
  ``（市生态环境局牵头，市工信局、市发改委配合）``, ``（市公安局牵头、市供销社配合）``,
  ``（各县市区政府，市政府有关部门负责）``. The parenthesis must consist of unit lists each
  followed by a role word (牵头 → lead; 配合/参与/协助/协同 → cooperating; 负责/落实 →
  responsible) and every name must look like a unit (:func:`looks_like_unit`), else it is
  ordinary text (``（必须依托城市…的企业除外）``);
- **labels**: ``牵头单位：…`` / ``牵头部门：``, ``责任单位：``, ``配合单位：`` (also 协办, 参与,
  主办, 实施), the list running to the next label, the end of the line or of the sentence.

- **running text**, where the role word leaves no doubt (:func:`_running`): a clause (between
  ，。；：) made only of a unit list and a role word closing it — ``市公安局配合``,
  ``各县（市、区）政府负责落实`` — or ending ``由`` + unit list + role word —
  ``由市生态环境局牵头``, ``此项工作由市交通运输局负责``. A role word followed by more words
  (``市交通运输局负责全市公交车更新``) or a name that does not look like a unit (``由企业负责``)
  is text: the body is then the sentence's actor, not a unit with a role.

A **standing rule** inside such a parenthesis — ``以下均需各县市区落实，不再列出`` or
``…负责，下同`` — makes its units responsible for every later task of the plan.
Names are split on 、，；. A unit appears once per role in a task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lantian.planning.extract.text import Normalised

__all__ = [
    "ROLE_WORDS",
    "UnitMention",
    "UnitsFound",
    "find_units",
    "looks_like_unit",
    "same_collective",
]

LEAD, COOPERATING, RESPONSIBLE = "lead", "cooperating", "responsible"

#: Role words closing a unit list inside a parenthesis.
ROLE_WORDS: dict[str, str] = {
    "牵头": LEAD,
    "配合": COOPERATING,
    "参与": COOPERATING,
    "协助": COOPERATING,
    "协同": COOPERATING,
    "负责": RESPONSIBLE,
    "落实": RESPONSIBLE,
}
#: Label words before 单位：/部门：.
LABEL_ROLES: dict[str, str] = {
    "牵头": LEAD,
    "主办": LEAD,
    "配合": COOPERATING,
    "协办": COOPERATING,
    "参与": COOPERATING,
    "协同": COOPERATING,
    "责任": RESPONSIBLE,
    "实施": RESPONSIBLE,
}

_SUFFIX = re.compile(
    r"(?:局|委|委员会|办|办公室|院|政府|部门|公司|中心|分局|大队|支队|中队|室|社|会|所|站|处|"
    r"管委会|单位|部|厅|署|组|队|馆|集团|银行|街道|乡镇|县市区|县（市、区）|区县|市区|"
    r"分公司|指挥部|小组|团|联|协会)$"
)
_ROLE_RE = re.compile("(" + "|".join(ROLE_WORDS) + r")(?=[，、；]|$)")
_LABEL_RE = re.compile("(" + "|".join(LABEL_ROLES) + r")(?:单位|部门)：")
_STANDING_CLAUSE = re.compile(r"不再(?:一一)?列出|以下同|下同|以下均|以下各项")
_STANDING_UNITS = re.compile(
    r"以下(?:各项|所有)?(?:任务|工作|措施)?(?:均|都)?(?:需|由|要|须)?(?P<u>.+?)(?:负责)?"
    r"(?:落实|实施|执行|负责)"
)


def looks_like_unit(name: str) -> bool:
    """A plausible unit name: 2–30 characters, no sentence punctuation or Arabic digits, ending
    like a unit (局, 委, 办, 政府, 部门, 办事处, 管委会, 大队 …) or a collective (各…)."""
    if not 2 <= len(name) <= 30 or re.search(r"[。！？：“”《》\d]", name):
        return False
    return bool(_SUFFIX.search(name)) or (name.startswith("各") and len(name) <= 12)


@dataclass(frozen=True)
class UnitMention:
    name: str
    role: str
    start: int  # normalised offsets of the name
    end: int


@dataclass
class UnitsFound:
    mentions: list[UnitMention]
    standing: list[UnitMention]  # responsible for every later task
    blocks: list[tuple[int, int]]  # label blocks (to leave out of the task's text)


def _split_top(text: str, start: int, seps: str = "、，；") -> list[tuple[int, int]]:
    """Split ``text`` on ``seps`` outside nested brackets; spans are offsets + ``start``."""
    out: list[tuple[int, int]] = []
    depth, s = 0, 0
    for i, c in enumerate(text):
        if c in "（[〔":
            depth += 1
        elif c in "）]〕":
            depth = max(0, depth - 1)
        elif c in seps and depth == 0:
            out.append((start + s, start + i))
            s = i + 1
    out.append((start + s, start + len(text)))
    return [(a, b) for a, b in out if b > a]


def _parens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level （…） groups in ``text[start:end]`` as content spans."""
    out: list[tuple[int, int]] = []
    depth, open_at = 0, -1
    for i in range(start, end):
        c = text[i]
        if c == "（":
            if depth == 0:
                open_at = i
            depth += 1
        elif c == "）" and depth:
            depth -= 1
            if depth == 0:
                out.append((open_at + 1, i))
    return out


def _names(text: str, start: int, end: int) -> list[tuple[str, int, int]] | None:
    """Unit names of ``text[start:end]`` or None when one does not look like a unit."""
    out: list[tuple[str, int, int]] = []
    for a, b in _split_top(text[start:end], start):
        name = text[a:b]
        if not looks_like_unit(name):
            return None
        out.append((name, a, b))
    return out


def _parenthesis(text: str, a: int, b: int) -> tuple[list[UnitMention], list[UnitMention]]:
    """Mentions and standing mentions of one parenthesis ``text[a:b]`` ([] if not units)."""
    standing: list[UnitMention] = []
    bare_standing = False
    kept: list[tuple[int, int]] = []
    for s, e in _split_top(text[a:b], a, "，；"):
        clause = text[s:e]
        if not _STANDING_CLAUSE.search(clause):
            kept.append((s, e))
            continue
        m = _STANDING_UNITS.search(clause)
        if m:
            names = _names(text, s + m.start("u"), s + m.end("u"))
            if names is None:
                return [], []
            standing += [UnitMention(n, RESPONSIBLE, x, y) for n, x, y in names]
        else:
            bare_standing = True
    if bare_standing and not standing:
        standing.append(UnitMention("", RESPONSIBLE, -1, -1))  # the responsible units before it
    mentions: list[UnitMention] = []
    # The kept clauses read as one list "units role, units role …"; a clause may hold several
    # roles (市公安局牵头、市供销社配合) and a role may cover several clauses
    # (各县市区政府，市政府有关部门负责).
    pending: list[tuple[str, int, int]] = []
    for s, e in kept:
        pos = s
        for m in _ROLE_RE.finditer(text, s, e):
            seg = _names(text, pos, m.start()) if m.start() > pos else []
            if seg is None or not (seg or pending):
                return [], []
            role = ROLE_WORDS[m.group(1)]
            mentions += [UnitMention(n, role, x, y) for n, x, y in pending + seg]
            pending = []
            pos = m.end()
            while pos < e and text[pos] in "、，；":
                pos += 1
        if pos < e:
            seg = _names(text, pos, e)
            if seg is None:
                return [], []
            pending += seg
    if pending or not mentions:
        return [], []
    return mentions, _resolve_standing(standing, mentions)


def _resolve_standing(
    standing: list[UnitMention], mentions: list[UnitMention]
) -> list[UnitMention]:
    """A standing name is kept as written (各县市区, even when the same parenthesis says
    各县市区政府); a bare 下同 repeats the responsible units before it."""
    out: list[UnitMention] = []
    for st in standing:
        if not st.name:
            out += [m for m in mentions if m.role == RESPONSIBLE]
            continue
        out.append(st)
    return out


def same_collective(standing: str, name: str) -> bool:
    """Whether a task's own ``name`` is the collective a standing rule names (各县市区 ↔
    各县市区政府): equal, or the standing name followed by a word for its government."""
    return name == standing or (
        name.startswith(standing) and name[len(standing) :] in _GOVERNMENT_WORDS
    )


#: What may follow a collective name and still name the same bodies (各县市区 → 各县市区政府).
_GOVERNMENT_WORDS = ("政府", "人民政府", "党委政府", "党委和政府")


def _labels(
    doc: Normalised, start: int, end: int
) -> tuple[list[UnitMention], list[tuple[int, int]]]:
    text = doc.text
    mentions: list[UnitMention] = []
    blocks: list[tuple[int, int]] = []
    found = list(_LABEL_RE.finditer(text, start, end))
    for k, m in enumerate(found):
        stop = found[k + 1].start() if k + 1 < len(found) else end
        for mark in ("\n", "。"):
            j = text.find(mark, m.end(), stop)
            if j >= 0:
                stop = j
        role = LABEL_ROLES[m.group(1)]
        list_end = m.end()
        for a, b in _split_spaced(doc, m.end(), stop):
            name = text[a:b]
            if not looks_like_unit(name):
                cut = _last_suffix(name)
                if cut:
                    mentions.append(UnitMention(name[:cut], role, a, a + cut))
                    list_end = a + cut
                break
            mentions.append(UnitMention(name, role, a, b))
            list_end = b
        blocks.append((m.start(), max(list_end, m.end())))
    return mentions, blocks


def _split_spaced(doc: Normalised, start: int, end: int) -> list[tuple[int, int]]:
    """Split a label's list on 、，； and on spaces the original had after a unit name."""
    out: list[tuple[int, int]] = []
    for a, b in _split_top(doc.text[start:end], start):
        s = a
        for i in range(a + 1, b):
            if doc.spaced_before(i) and looks_like_unit(doc.text[s:i]):
                out.append((s, i))
                s = i
        out.append((s, b))
    return out


def _last_suffix(name: str) -> int:
    best = 0
    for i in range(2, min(len(name), 30) + 1):
        if looks_like_unit(name[:i]):
            best = i
    return best


#: A clause naming units in running text: [… 由] units [filler] role word [负责/落实/实施].
_RUNNING = re.compile(
    r"(?P<pre>.*由)?(?P<u>[^由]+?)(?:按职责分工|按职责|分别|共同|具体)?"
    r"(?P<r>牵头|配合|参与|协助|协同|负责|落实)(?:负责|落实|实施)?"
)
#: Clause ends in running text.
_CLAUSE_SEPS = "，。；：\n"


def _running(
    text: str, start: int, end: int, taken: list[tuple[int, int]]
) -> tuple[list[UnitMention], list[UnitMention]]:
    """Units named in running text with a role word closing the clause (module docstring);
    clauses overlapping ``taken`` (unit parentheses and label blocks) are skipped. A clause
    starting ``以下`` (以下各项任务均由各乡镇落实) is a standing rule."""
    mentions: list[UnitMention] = []
    standing: list[UnitMention] = []
    for s, e in _split_top(text[start:end], start, _CLAUSE_SEPS):
        if any(s < b and a < e for a, b in taken):
            continue
        m = _RUNNING.fullmatch(text, s, e)
        if not m:
            continue
        names = _unit_list(text, m.start("u"), m.end("u"))
        if not names:
            continue
        pre = m.group("pre") or ""
        if "以下" in pre:
            standing += [UnitMention(n, RESPONSIBLE, x, y) for n, x, y in names]
            continue
        role = ROLE_WORDS[m.group("r")]
        mentions += [UnitMention(n, role, x, y) for n, x, y in names]
    return mentions, standing


def _unit_list(text: str, start: int, end: int) -> list[tuple[str, int, int]] | None:
    """Names of a unit list split on 、, and on 和/及/与 where every part is a unit (not in
    市住房和城乡建设局); None when a name does not look like a unit."""
    out: list[tuple[str, int, int]] = []
    for a, b in _split_top(text[start:end], start, "、"):
        parts = _split_top(text[a:b], a, "和及与")
        if len(parts) > 1 and all(looks_like_unit(text[x:y]) for x, y in parts):
            out += [(text[x:y], x, y) for x, y in parts]  # 市公安局和市城管局
        elif looks_like_unit(text[a:b]):
            out.append((text[a:b], a, b))  # 市住房和城乡建设局
        else:
            return None
    return out


def find_units(doc: Normalised, start: int, end: int) -> UnitsFound:
    """Every unit mention in normalised ``[start, end)`` (one task's text)."""
    text = doc.text
    mentions: list[UnitMention] = []
    standing: list[UnitMention] = []
    taken: list[tuple[int, int]] = []
    for a, b in _parens(text, start, end):
        ms, st = _parenthesis(text, a, b)
        mentions += ms
        standing += st
        if ms:
            taken.append((a - 1, b + 1))
    labelled, blocks = _labels(doc, start, end)
    mentions += labelled
    running, running_standing = _running(text, start, end, taken + blocks)
    mentions += running
    standing += running_standing
    mentions.sort(key=lambda m: m.start)
    return UnitsFound(mentions=mentions, standing=standing, blocks=blocks)
