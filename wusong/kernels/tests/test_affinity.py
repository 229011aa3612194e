import random

import numpy as np
import pytest

from wusong.kernels.affinity import (
    SCORE_SCALE,
    AffinityWeights,
    DeclarationRecord,
    DeclarationText,
    ExpertText,
    affinity_dense,
    duplicates_find,
    scores_to_int,
    split_list,
)

from .affinity_top_k import affinity, affinity_top_k, affinity_triples

BATTERY = DeclarationText(
    title="高安全水系锂电池储能材料研发及产业化",
    summary="本项目针对锂电池易燃、成本高的问题，研发水系电池电解液和高稳定正极材料，"
    "提升电网储能系统的安全性和循环寿命。",
    keywords="锂电池；水系电池；储能材料",
    industry="新能源",
)
MATERIALS_EXPERT = ExpertText(
    disciplines="材料科学与工程、电化学",
    keywords="储能材料，锂离子电池，正极材料",
    profile="某大学材料学院教授，长期从事锂电池正极材料、水系电池电解液与储能器件研究。",
)
BIOMEDICINE_EXPERT = ExpertText(
    disciplines="生物医学工程、免疫学",
    keywords="肿瘤免疫；细胞治疗；抗体药物",
    profile="某医学院研究员，长期从事CAR-T细胞治疗、肿瘤免疫和抗体药物的研发与临床转化。",
)
AI_EXPERT = ExpertText(
    disciplines="计算机科学与技术",
    keywords="machine learning; computer vision; 大模型",
    profile="Professor of computer science, working on deep learning and image recognition.",
)


def test_materials_expert_ranks_above_biomedicine_expert_for_a_battery_declaration():
    scores = affinity_dense([BATTERY], [BIOMEDICINE_EXPERT, MATERIALS_EXPERT, AI_EXPERT])
    biomedicine, materials, ai = scores[0]
    assert materials > 0.3
    assert materials > 3 * max(biomedicine, ai)


def test_mixed_english_and_chinese_texts_match_across_languages():
    declaration = DeclarationText(
        title="Aqueous zinc-ion batteries for grid energy storage",
        summary="We develop low-cost aqueous batteries (水系电池) with manganese oxide cathodes "
        "for 电网储能.",
        keywords=["energy storage", "储能材料", "zinc-ion battery"],
        industry="新能源",
    )
    english_materials = ExpertText(
        disciplines="Materials Science",
        keywords="Energy Storage; zinc-ion batteries; cathode materials",
        profile="Works on aqueous battery chemistry and cathodes.",
    )
    scores = affinity_dense(
        [declaration], [BIOMEDICINE_EXPERT, MATERIALS_EXPERT, english_materials, AI_EXPERT]
    )[0]
    assert scores[2] == scores.max()
    # The Chinese-only materials expert is reached through the Chinese parts of the text.
    assert scores[1] > max(scores[0], scores[3])


def test_identical_texts_score_one():
    text = "基于深度学习的工业视觉检测系统，detects surface defects on steel strips."
    scores = affinity_dense(
        [DeclarationText(summary=text), DeclarationText(keywords="视觉检测；machine vision")],
        [ExpertText(profile=text), ExpertText(keywords=["视觉检测", "machine vision"])],
    )
    assert scores[0, 0] == 1.0
    assert scores[1, 1] == 1.0


def test_empty_texts_score_zero_without_errors():
    empty_declarations = [DeclarationText(), DeclarationText(title="？！。,,", summary="   ")]
    empty_experts = [ExpertText(), ExpertText(profile="——")]
    assert affinity_dense(empty_declarations, empty_experts).tolist() == [[0, 0], [0, 0]]
    mixed = affinity_dense([BATTERY, DeclarationText()], [ExpertText(), MATERIALS_EXPERT])
    assert mixed[0, 0] == 0 and mixed[1, 0] == 0 and mixed[1, 1] == 0
    assert affinity_dense([], [MATERIALS_EXPERT]).shape == (0, 1)
    assert affinity_dense([BATTERY], []).shape == (1, 0)
    assert affinity_top_k(empty_declarations, empty_experts, 3).nnz == 0
    assert affinity_top_k([], [], 3).shape == (0, 0)


def test_whole_keyword_phrases_count_beyond_their_words():
    declaration = DeclarationText(keywords="machine learning")
    in_order = ExpertText(profile="applies machine learning to grids")
    reversed_words = ExpertText(profile="applies learning machine to grids")
    scores = affinity_dense([declaration], [reversed_words, in_order])[0]
    assert scores[1] > scores[0] > 0
    without_phrases = affinity_dense(
        [declaration], [reversed_words, in_order], weights=AffinityWeights(phrase=0.0)
    )[0]
    assert without_phrases[0] == without_phrases[1]


def test_keyword_phrase_found_inside_longer_chinese_text():
    declaration = DeclarationText(keywords="储能材料")
    phrase = ExpertText(profile="研究新型储能材料")
    scattered = ExpertText(profile="研究储能与新型材料")
    scores = affinity_dense([declaration], [scattered, phrase])[0]
    assert scores[1] > scores[0]


def test_plural_and_case_are_folded_in_english():
    declaration = DeclarationText(keywords="Lithium Batteries; Process Analysis")
    expert = ExpertText(keywords="lithium battery, processes analysis")
    assert affinity_dense([declaration], [expert])[0, 0] == 1.0


def test_full_width_characters_are_folded():
    assert affinity_dense([DeclarationText(summary="ＡＩ芯片")], [ExpertText(profile="AI芯片")])[
        0, 0
    ] == pytest.approx(1.0)


def _random_corpus(seed, n_decl, n_exp):
    """Small texts from a tiny vocabulary; a third of the experts are copies of others,
    so that scores tie, also where a top-K list is cut."""
    r = random.Random(seed)
    terms = [
        "锂电池",
        "储能",
        "正极材料",
        "芯片",
        "光刻",
        "抗体",
        "疫苗",
        "机器人",
        "视觉检测",
        "graphene",
        "battery",
        "robot",
        "vision",
    ]

    def text(n):
        return "，".join(r.choice(terms) for _ in range(n))

    declarations = [
        DeclarationText(title=text(1), summary=text(r.randint(0, 6)), keywords=text(2))
        for _ in range(n_decl)
    ]
    experts = [ExpertText(keywords=text(r.randint(0, 3)), profile=text(2)) for _ in range(n_exp)]
    for i in r.sample(range(n_exp), n_exp // 3):
        experts[i] = r.choice(experts)
    return declarations, experts


@pytest.mark.parametrize("k", [1, 3, 10, 40, 100])
def test_top_k_equals_the_top_k_of_the_dense_matrix(k):
    declarations, experts = _random_corpus(7, 60, 40)
    dense = affinity_dense(declarations, experts)
    top = affinity_top_k(declarations, experts, k)
    assert top.shape == dense.shape
    for i in range(len(declarations)):
        # Best score first, ties to the lower expert index; zero scores are left out.
        ranked = sorted(range(len(experts)), key=lambda j: (-dense[i, j], j))
        expected = {j: dense[i, j] for j in ranked[:k] if dense[i, j] > 0}
        row = top[[i]].tocoo()
        assert dict(zip(row.col.tolist(), row.data.tolist(), strict=True)) == expected


def test_top_k_is_the_same_whatever_the_block_size():
    declarations, experts = _random_corpus(11, 50, 30)
    reference = affinity_top_k(declarations, experts, 5).toarray()
    assert np.array_equal(
        affinity_top_k(declarations, experts, 5, block_rows=7).toarray(), reference
    )


def test_scores_are_in_unit_interval_with_four_decimals():
    declarations, experts = _random_corpus(3, 30, 20)
    scores = affinity_dense(declarations, experts)
    assert scores.min() >= 0 and scores.max() <= 1
    assert np.array_equal(scores_to_int(scores) / SCORE_SCALE, scores)
    assert scores_to_int(np.array([1.0, 0.1234])).tolist() == [SCORE_SCALE, 1234]


def test_affinity_chooses_dense_or_top_k():
    declarations, experts = _random_corpus(5, 10, 8)
    assert isinstance(affinity(declarations, experts), np.ndarray)
    top = affinity(declarations, experts, top_k=2)
    assert top.shape == (10, 8) and max(np.diff(top.indptr)) <= 2


def test_triples_list_each_declaration_best_first():
    rows, cols, scores = affinity_triples(np.array([[0.2, 0.0, 0.7], [0.0, 0.5, 0.5]]))
    assert rows.tolist() == [0, 0, 1, 1]
    assert cols.tolist() == [2, 0, 1, 2]
    assert scores.tolist() == [0.7, 0.2, 0.5, 0.5]


def test_split_list_accepts_chinese_and_latin_separators():
    assert split_list("锂电池；储能、正极材料，AI; ML\n5G") == (
        "锂电池",
        "储能",
        "正极材料",
        "AI",
        "ML",
        "5G",
    )
    assert split_list(["a ", "", " b"]) == ("a", "b")


ZINC = DeclarationRecord(
    key="2025-017",
    title="高安全水系锌离子电池关键材料研发及产业化",
    summary="本项目针对锂离子电池易燃、成本高的问题，开发以水为电解液的锌离子电池。团队研制了高稳定性的"
    "锰基正极材料和抑制枝晶的锌负极保护涂层，循环寿命超过5000次，计划在宝山建设中试线，"
    "用于电网储能和数据中心备用电源。",
    keywords="水系电池；锌离子电池；储能材料",
    industry="新能源",
    team=("张伟", "李娜", "王强"),
)
ZINC_REWORDED = DeclarationRecord(
    key="2026-003",
    title="水系锌离子电池关键材料的研制与产业化应用",
    summary="针对现有锂离子电池易燃且成本较高的不足，本项目研发采用水系电解液的锌离子电池，研制高稳定"
    "锰基正极材料及可抑制锌枝晶的负极保护涂层，电池循环寿命达5000次以上。项目拟在宝山建设中试"
    "生产线，面向电网储能及数据中心备用电源市场。",
    keywords="锌离子电池；水系电池；储能",
    industry="新能源",
    team=("赵敏",),
)
LUNG_CT = DeclarationRecord(
    key="2026-004",
    title="基于深度学习的肺结节CT影像辅助诊断系统",
    summary="项目利用深度学习和医学影像分析技术，构建肺结节自动检测与良恶性判别模型，"
    "已在三家三甲医院开展临床验证。",
    keywords="医学影像；深度学习；辅助诊断",
    industry="医疗器械",
    team=("王 强", "陈静"),
)
SODIUM = DeclarationRecord(
    key="2026-005",
    title="钠离子电池正极材料的低成本制备",
    summary="本项目开发层状氧化物钠离子电池正极材料，降低储能电池成本。",
    keywords="钠离子电池；正极材料",
    industry="新能源",
    team=("王强", "孙丽"),
)


def test_identical_declaration_is_flagged_with_similarity_one():
    copy = DeclarationRecord(**{**ZINC.__dict__, "key": "2026-009", "team": ("刘洋",)})
    pairs = duplicates_find([copy], [ZINC])
    assert len(pairs) == 1
    pair = pairs[0]
    assert (pair.first, pair.second) == ("2025-017", "2026-009")
    assert pair.similarity == 1.0
    assert pair.reasons == ("similar_text",)
    assert pair.shared_members == ()


def test_reworded_declaration_from_an_earlier_call_is_flagged():
    pairs = duplicates_find([ZINC_REWORDED, LUNG_CT], [ZINC])
    assert [(p.first, p.second) for p in pairs] == [("2025-017", "2026-003")]
    assert pairs[0].similarity >= 0.6
    assert pairs[0].reasons == ("similar_text",)


def test_shared_member_on_a_related_project_is_flagged_with_the_name():
    pairs = duplicates_find([SODIUM, LUNG_CT], [ZINC])
    flagged = {(p.first, p.second): p for p in pairs}
    assert set(flagged) == {("2025-017", "2026-005")}
    pair = flagged[("2025-017", "2026-005")]
    assert pair.shared_members == ("王强",)
    assert pair.reasons == ("shared_team",)
    assert 0.25 <= pair.similarity < 0.6


def test_largely_shared_team_is_flagged_even_with_different_text():
    renamed = DeclarationRecord(key="x", title="智慧农业植物工厂", team=("张伟", "李娜 ", "周杰"))
    pairs = duplicates_find([renamed], [ZINC])
    assert len(pairs) == 1
    assert pairs[0].shared_members == ("张伟", "李娜")
    assert pairs[0].reasons == ("shared_team",)


def test_unrelated_declarations_are_not_flagged():
    # LUNG_CT shares 王强 (written 王 强) with ZINC, but a single common name on an
    # unrelated project is not evidence of a duplicate.
    assert duplicates_find([ZINC, LUNG_CT]) == []


def test_duplicates_within_the_current_call_and_not_among_earlier_ones():
    copy = DeclarationRecord(**{**ZINC_REWORDED.__dict__, "key": "2026-010"})
    earlier_copy = DeclarationRecord(**{**LUNG_CT.__dict__, "key": "2024-001"})
    pairs = duplicates_find([ZINC_REWORDED, copy], [LUNG_CT, earlier_copy])
    assert [(p.first, p.second, p.reasons) for p in pairs] == [
        ("2026-003", "2026-010", ("similar_text", "shared_team"))
    ]
    assert pairs[0].shared_members == ("赵敏",)


def test_no_current_declarations_means_no_pairs():
    assert duplicates_find([], [ZINC, ZINC_REWORDED]) == []


def test_records_with_the_same_key_are_never_paired():
    assert duplicates_find([ZINC], [ZINC]) == []


def test_dense_and_sparse_feature_paths_give_the_same_products():
    # Internal check: which features are multiplied densely is a speed decision only.
    from wusong.kernels.affinity import DEFAULT_WEIGHTS, _CosineBlocks, _vectorise

    declarations, experts = _random_corpus(13, 40, 25)
    x_decl, x_expert = _vectorise(declarations, experts, DEFAULT_WEIGHTS)
    all_dense = np.vstack([b for _, b in _CosineBlocks(x_decl, x_expert, dense_share=0.0)])
    all_sparse = np.vstack([b for _, b in _CosineBlocks(x_decl, x_expert, dense_share=2.0)])
    assert np.allclose(all_dense, all_sparse, atol=1e-6)
    assert np.allclose(all_dense, (x_decl @ x_expert.T).toarray(), atol=1e-6)


def test_excluded_pairs_are_left_out_and_the_next_best_take_their_place():
    declarations, experts = _random_corpus(17, 20, 15)
    dense = affinity_dense(declarations, experts)
    best = dense.argmax(axis=1)
    conflicts = (np.arange(20), best)
    top = affinity_top_k(declarations, experts, 3, exclude=conflicts)
    masked = dense.copy()
    masked[conflicts] = -1
    for i in range(20):
        assert top[i, best[i]] == 0
        ranked = sorted(range(15), key=lambda j: (-masked[i, j], j))
        expected = {j: masked[i, j] for j in ranked[:3] if masked[i, j] > 0}
        row = top[[i]].tocoo()
        assert dict(zip(row.col.tolist(), row.data.tolist(), strict=True)) == expected
