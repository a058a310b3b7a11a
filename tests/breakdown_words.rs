//! The breakdown's typed words in both languages, on a real quote: notes, quantity details, free
//! quota names (the card's `name_zh`), labels, units, price-per texts and volume tiers.

use ratecard::lang::{Lang, Render, per_short};
use ratecard::native::{embedded_catalog, parse_estimate_json};
use ratecard::rating::quote;

#[test]
fn a_quote_reads_in_chinese_and_english() {
    let c = embedded_catalog().unwrap();
    let est = parse_estimate_json(
        r#"{"version":1,"currency":"CNY","lines":[
            {"provider":"tencent-tokenhub","model":"HY-3D-3.0","calls":10},
            {"provider":"tencent-tokenhub","model":"YT-Video-2.0","calls":10,"resolution":"720p"},
            {"provider":"hunyuan-image-global","model":"Image Style Transfer","images":10000,"free_remaining":50}]}"#,
    )
    .unwrap();
    let b = quote(&c, &est);
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let line = |n: usize| b.lines.iter().find(|l| l.line == n).unwrap();

    // HY-3D-3.0 costs 15 to 60 credits per call; with no point it is priced at 60.
    let range = line(1).flags.iter().find(|f| f.code() == "range_unpicked").unwrap();
    assert_eq!(range.render(Lang::Zh), "每次调用 15–60 积分；未指定取值，按最高值计价");
    assert_eq!(range.render(Lang::En), "15 to 60 credits per call; no point given, so priced at the maximum");
    let detail = line(1).components[0].detail.as_ref().unwrap();
    assert_eq!(detail.render(Lang::Zh), "10 次调用 × 60 积分/次");
    assert_eq!(detail.render(Lang::En), "10 calls x 60 credits per call");

    // YT-Video-2.0 at 720p: 5 credits per call, from the shared new-user video credits.
    assert_eq!(line(2).components[0].detail.as_ref().unwrap().render(Lang::Zh), "10 次调用，720p × 5 积分/次");
    let free = line(2).free.as_ref().unwrap();
    assert_eq!(free.name.render(Lang::Zh), "新用户免费额度：50 视频积分，四个模型共享");
    assert_eq!(free.name.render(Lang::En), "New-user trial: 50 video credits shared by four models");

    // 10,000 images less 50 free: 9,950 post-paid images fall in the first volume tier.
    let images = &line(3).components[0];
    assert_eq!(images.detail.as_ref().unwrap().render(Lang::Zh), "10,000 张图片");
    assert_eq!(
        (images.label.render(Lang::Zh), images.unit.render(Lang::Zh), images.price_per.render(Lang::Zh)),
        ("图片".into(), "张".into(), "/ 张".into())
    );
    assert_eq!(per_short(images.price_per, Lang::En), "/ image");
    let tier = images.tier.as_ref().unwrap();
    assert_eq!(tier.label.render(Lang::Zh), "[0, 10,000)");
    assert_eq!(tier.reason.render(Lang::Zh), "本月后付费总量 9,950 张 落在 [0, 10,000)，所有后付费用量按此档计价");
    assert_eq!(
        tier.reason.render(Lang::En),
        "the month's post-paid total of 9,950 images falls in [0, 10,000); every post-paid unit is billed at that tier"
    );
}
