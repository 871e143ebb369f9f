"""Time IndicatorMatcher.search on a 5,000-entry catalogue against plain rapidfuzz WRatio, in one run.

The catalogue is the shipped one padded with generated names that look like real indicators
(农村道路建设数量, 社区医疗设备完好率, …), so the figures hold for a large user-supplied catalogue.
Run: .venv/bin/python benchmarks/bench_matching.py [--size 5000] [--repeat 300]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process  # noqa: E402

from domain.catalogue.build import pinyin_of  # noqa: E402
from domain.catalogue.entries import catalogue_from_data, load_catalogue  # noqa: E402
from domain.catalogue.matching import IndicatorMatcher  # noqa: E402

PLACES = ["", "", "农村", "城市", "社区", "学校", "医院", "全市", "重点", "新建", "老旧", "公共", "街道", "园区"]
SUBJECTS = [
    "道路",
    "桥梁",
    "校舍",
    "图书",
    "设备",
    "系统",
    "平台",
    "档案",
    "数据",
    "培训",
    "宣传",
    "医疗",
    "疫苗",
    "垃圾",
    "污水",
    "绿化",
    "路灯",
    "河道",
    "农田",
    "林地",
    "住房",
    "救助",
    "补贴",
    "就业",
    "养老",
    "社保",
    "保险",
    "公交",
    "停车",
    "消防",
    "应急",
    "网络",
    "安防",
    "执法",
    "信访",
    "审批",
    "登记",
    "测绘",
    "监测",
    "水质",
    "空气",
    "危房",
    "公厕",
    "供水",
    "供电",
    "燃气",
    "食堂",
    "体育",
    "文化",
    "旅游",
    "招商",
    "科研",
    "专利",
    "课题",
    "会议",
    "车辆",
    "办公",
    "维修",
    "物业",
    "保洁",
    "安保",
    "监控",
    "机房",
    "服务器",
    "终端",
    "软件",
    "网站",
    "热线",
    "窗口",
    "大厅",
    "证照",
    "卫片",
    "林权",
    "海域",
    "地籍",
    "宗地",
    "楼盘",
    "附图",
]
MEASURES = {
    ("产出指标", "数量指标"): [
        "完成数量",
        "建设数量",
        "覆盖人数",
        "服务人次",
        "建设里程",
        "完成率",
        "采购数量",
        "配置数量",
    ],
    ("产出指标", "质量指标"): ["合格率", "达标率", "验收合格率", "准确率", "完好率", "故障率", "差错率", "规范性"],
    ("产出指标", "时效指标"): ["及时率", "完成时限", "响应时间", "办结时限", "到位及时率", "完成及时性"],
    ("产出指标", "成本指标"): ["单价", "成本控制率", "节约率", "人均成本", "运维成本", "建设成本"],
    ("效益指标", "经济效益指标"): ["增收金额", "节约金额", "带动投资"],
    ("效益指标", "社会效益指标"): ["覆盖率", "知晓率", "使用率", "改善程度", "受益人数", "便利度"],
    ("效益指标", "生态效益指标"): ["减排量", "绿化率", "能耗下降率"],
    ("效益指标", "可持续影响指标"): ["长效机制健全性", "持续使用年限"],
    ("满意度指标", "服务对象满意度指标"): ["满意度", "群众满意度", "使用单位满意度", "服务满意度"],
}

# (query as typed, 二级 or None): real names, cut names, typos, a missing 率, pinyin and initials.
QUERIES = [
    ("系统正常运行率", "质量指标"),
    ("系统正常运行", "社会效益指标"),
    ("项目招标资金", "成本指标"),
    ("服务大厅满意", ""),
    ("档案整理扫描", "质量指标"),
    ("建设规模（平", "数量指标"),
    ("设被故障率", None),
    ("设备故障", "质量指标"),
    ("系统运行", None),
    ("维护及时", "时效指标"),
    ("工作人员满意", "满意度指标"),
    ("满意", None),
    ("农村道路建设", None),
    ("社区医疗设被完好率", "质量指标"),
    ("sbgzl", None),
    ("shebeiguzhang", None),
    ("xitongzhengchangyunxing", None),
    ("fwdtmyd", None),
]


def synthetic_catalogue(size: int, seed: int = 7):
    """The shipped catalogue plus generated entries up to ``size`` entries (deterministic)."""
    base = load_catalogue()
    data = {
        "framework": [
            {"level1": b.name, "level2": list(b.level2), "scope": b.scope, "note": b.note} for b in base.framework
        ],
        "entries": [],
    }
    names = set()
    for entry in base.entries:
        names.add(entry.name)
        data["entries"].append(
            {
                "name": entry.name,
                "aliases": list(entry.aliases),
                "level1": entry.level1,
                "level2": entry.level2,
                "direction": entry.direction.value,
                "unit": entry.unit,
                "definition": entry.definition,
                "typical_target": entry.typical_target,
                "pinyin": entry.pinyin,
                "initials": entry.initials,
                "alias_pinyin": list(entry.alias_pinyin),
                "alias_initials": list(entry.alias_initials),
            }
        )
    rng = random.Random(seed)
    groups = list(MEASURES.items())
    while len(data["entries"]) < size:
        (level1, level2), measures = rng.choice(groups)
        name = rng.choice(PLACES) + rng.choice(SUBJECTS) + rng.choice(SUBJECTS) + rng.choice(measures)
        if name in names:
            continue
        names.add(name)
        full, initials = pinyin_of(name)
        data["entries"].append(
            {
                "name": name,
                "aliases": [],
                "level1": level1,
                "level2": level2,
                "direction": "qualitative" if name.endswith("性") else "positive",
                "unit": "%",
                "definition": "生成的测试指标",
                "typical_target": None,
                "pinyin": full,
                "initials": initials,
                "alias_pinyin": [],
                "alias_initials": [],
            }
        )
    return catalogue_from_data(data)


def median_seconds(call, repeat: int) -> float:
    """Median wall time of one call over ``repeat`` calls (after a warm-up call)."""
    call()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def build_with_and_without_collector(size: int, rounds: int = 3) -> None:
    """The matcher's build as shipped (garbage collector paused) against the same build with it running."""
    catalogue = synthetic_catalogue(size)
    paused, running = [], []
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        built = IndicatorMatcher(catalogue)
        paused.append(time.perf_counter() - started)
        del built  # freed outside the timings, like the one below
        gc.collect()
        bare = IndicatorMatcher.__new__(IndicatorMatcher)
        started = time.perf_counter()
        bare._build(catalogue)  # the same work, the collector left running
        running.append(time.perf_counter() - started)
        del bare
    print(
        f"build at {len(catalogue)} entries, median of {rounds}: collector running {statistics.median(running) * 1000:.0f} ms "
        f"(baseline), paused {statistics.median(paused) * 1000:.0f} ms, "
        f"{statistics.median(running) / statistics.median(paused):.2f}× faster"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--build-size", type=int, default=50_000, help="entries for timing the build (0: skip)")
    args = parser.parse_args(argv)
    if args.build_size:
        build_with_and_without_collector(args.build_size)

    catalogue = synthetic_catalogue(args.size)
    started = time.perf_counter()
    matcher = IndicatorMatcher(catalogue)
    build_ms = (time.perf_counter() - started) * 1000
    names = [entry.name for entry in catalogue.entries]
    print(f"catalogue: {len(catalogue)} entries; IndicatorMatcher built in {build_ms:.1f} ms")
    print(f"{'query':<26}{'二级':<10}{'search µs':>10}{'WRatio µs':>10}{'ratio':>7}  search top / WRatio top")

    ours, baseline = [], []
    for query, level2 in QUERIES:
        mine = median_seconds(lambda query=query, level2=level2: matcher.search(query, level2, 5), args.repeat)
        theirs = median_seconds(
            lambda query=query: process.extract(query, names, scorer=fuzz.WRatio, limit=5), args.repeat
        )
        ours.append(mine)
        baseline.append(theirs)
        top = matcher.search(query, level2, 1)
        base_top = process.extract(query, names, scorer=fuzz.WRatio, limit=1)
        print(
            f"{query:<26}{(level2 or '-'):<10}{mine * 1e6:>10.0f}{theirs * 1e6:>10.0f}{mine / theirs:>7.2f}"
            f"  {top[0].entry.name if top else '-'} / {base_top[0][0] if base_top else '-'}"
        )
    med_ours, med_base = statistics.median(ours), statistics.median(baseline)
    print(
        f"median over queries: search {med_ours * 1e6:.0f} µs, WRatio {med_base * 1e6:.0f} µs, "
        f"ratio {med_ours / med_base:.2f}; slowest search {max(ours) * 1e6:.0f} µs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
