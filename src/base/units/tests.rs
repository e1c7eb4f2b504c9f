//! Sizes, durations and rates as written, and every refusal.

use super::*;
use crate::base::number::decimal_from_f64;
use rust_decimal_macros::dec;

#[test]
fn sizes_are_powers_of_1024() {
    assert_eq!(
        "1 KB".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(1024))
    );
    assert_eq!(
        "1KiB".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(1024))
    );
    assert_eq!(
        "35 KB".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(35 * 1024))
    );
    assert_eq!(
        "1.5 MB".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(1_572_864))
    );
    assert_eq!(
        "400 kB".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(409_600))
    );
    assert_eq!(
        "2 MiB".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(2_097_152))
    );
    assert_eq!(
        "512 b".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(512))
    );
    assert_eq!(
        "3 bytes".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(3))
    );
    assert_eq!(
        "2 GB".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(2_147_483_648))
    );
    assert_eq!(
        "512".parse::<Bytes>().map_err(|e| e.to_string()),
        Ok(Bytes(512))
    );
}

#[test]
fn bad_sizes_are_rejected_with_a_reason() {
    assert!(
        "1.3 B"
            .parse::<Bytes>()
            .map_err(|e| e.to_string())
            .unwrap_err()
            .contains("whole number")
    );
    assert!(
        "-1 KB"
            .parse::<Bytes>()
            .map_err(|e| e.to_string())
            .unwrap_err()
            .contains("negative")
    );
    assert!(
        "5 XB"
            .parse::<Bytes>()
            .map_err(|e| e.to_string())
            .unwrap_err()
            .contains("unknown size unit")
    );
    assert!(
        "KB".parse::<Bytes>()
            .map_err(|e| e.to_string())
            .unwrap_err()
            .contains("number")
    );
    assert!(
        "2 PB"
            .parse::<Bytes>()
            .map_err(|e| e.to_string())
            .unwrap_err()
            .contains("larger")
    );
}

#[test]
fn figures_past_exact_decimals_are_refused_not_rounded() {
    // 10^33 bytes is past the largest decimal; 10^-29 ms rounds to zero.
    let huge = "1000000000000000000000000000000000";
    assert_eq!(
        huge.parse::<Bytes>().map_err(|e| e.to_string()),
        Err(format!(
            "`{huge}` is too large for exact decimals (28 digits)"
        ))
    );
    assert_eq!(
        format!("{huge} s")
            .parse::<Duration>()
            .map_err(|e| e.to_string()),
        Err(format!(
            "`{huge}` is too large for exact decimals (28 digits)"
        ))
    );
    assert_eq!(
        parse_rate(&format!("{huge}/s")).map_err(|e| e.to_string()),
        Err(format!(
            "`{huge}` is too large for exact decimals (28 digits)"
        ))
    );
    let tiny = "0.00000000000000000000000000001";
    assert_eq!(
        format!("{tiny} ms")
            .parse::<Duration>()
            .map_err(|e| e.to_string()),
        Err(format!(
            "`{tiny}` is too small for exact decimals (28 decimal places); write 0 for none"
        ))
    );
    // The least decimal, 10^-28, is one.
    assert_eq!(
        "0.0000000000000000000000000001 ms"
            .parse::<Duration>()
            .map_err(|e| e.to_string())
            .map(Duration::ms),
        Ok(Decimal::new(1, 28))
    );
}

#[test]
fn bits_are_refused_rather_than_read_as_bytes() {
    assert_eq!(
        "1 kb".parse::<Bytes>().map_err(|e| e.to_string()),
        Err("`kb` is kilobits; write `KB` for kilobytes (1,024 bytes), or divide by 8".to_string())
    );
    assert_eq!(
        "8 Mb".parse::<Bytes>().map_err(|e| e.to_string()),
        Err(
            "`Mb` is megabits; write `MB` for megabytes (1,048,576 bytes), or divide by 8"
                .to_string()
        )
    );
    assert_eq!(
        "1 Kib".parse::<Bytes>().map_err(|e| e.to_string()),
        Err(
            "`Kib` is kibibits; write `KiB` for kibibytes (1,024 bytes), or divide by 8"
                .to_string()
        )
    );
    assert_eq!(
        "10 Mbps".parse::<Bytes>().map_err(|e| e.to_string()),
        Err(
            "`Mbps` is megabits per second, a rate; a size is in bytes: \
             write `MB` for megabytes (1,048,576 bytes), or divide by 8"
                .to_string()
        )
    );
    for bits in ["1 Gb", "1 gbit", "1 kbit", "1 Tbits", "1 Mb/s", "8 bits"] {
        let error = bits
            .parse::<Bytes>()
            .map_err(|e| e.to_string())
            .unwrap_err();
        assert!(error.contains("bits"), "{bits}: {error}");
    }
    assert!(
        "1 MB/s"
            .parse::<Bytes>()
            .map_err(|e| e.to_string())
            .unwrap_err()
            .contains("a rate")
    );
}

#[test]
fn a_refusal_is_a_value_a_caller_can_match() {
    assert!(matches!(
        "1 Mbps".parse::<Bytes>(),
        Err(UnitError::PrefixedBits {
            per_second: true,
            ..
        })
    ));
    assert_eq!("1 M".parse::<Duration>(), Err(UnitError::MinutesOrMonths));
    assert_eq!(
        parse_rate("5 per"),
        Err(UnitError::NoPeriod {
            text: "5 per".to_string(),
            count: "5".to_string()
        })
    );
    assert_eq!(Bytes::from_integer(-1), Err(UnitError::NegativeSize));
    let error: Box<dyn std::error::Error> = Box::new(UnitError::DurationTooLong);
    assert_eq!(error.to_string(), "duration is longer than 100 years");
}

#[test]
fn sizes_print_in_the_largest_exact_unit() {
    assert_eq!(Bytes(1024).to_string(), "1 KB");
    assert_eq!(Bytes(35 * 1024).to_string(), "35 KB");
    assert_eq!(Bytes(1000).to_string(), "1000 B");
    assert_eq!(Bytes(1_024_000).to_string(), "1000 KB");
    assert_eq!(Bytes(3_072_000).to_string(), "2.93 MB");
    assert_eq!(Bytes(6_193_152_000_000).to_string(), "5.63 TB");
    assert_eq!(Bytes(3_072_001).to_string(), "2.93 MB");
}

#[test]
fn durations() {
    assert_eq!(
        "200 ms"
            .parse::<Duration>()
            .map_err(|e| e.to_string())
            .unwrap()
            .ms(),
        dec!(200)
    );
    assert_eq!(
        "1 s"
            .parse::<Duration>()
            .map_err(|e| e.to_string())
            .unwrap()
            .ms(),
        dec!(1000)
    );
    assert_eq!(
        "5 min"
            .parse::<Duration>()
            .map_err(|e| e.to_string())
            .unwrap()
            .ms(),
        dec!(300000)
    );
    assert_eq!(
        "24 h"
            .parse::<Duration>()
            .map_err(|e| e.to_string())
            .unwrap(),
        Duration::from_hours(24)
    );
    assert_eq!(
        "7 d"
            .parse::<Duration>()
            .map_err(|e| e.to_string())
            .unwrap(),
        Duration::from_hours(168)
    );
    assert!(
        "7".parse::<Duration>()
            .map_err(|e| e.to_string())
            .unwrap_err()
            .contains("needs a unit")
    );
    assert!(
        "7 fortnights"
            .parse::<Duration>()
            .map_err(|e| e.to_string())
            .unwrap_err()
            .contains("unknown duration unit `fortnights`")
    );
    assert_eq!(Duration::from_hours(168).to_string(), "7 d");
    assert_eq!(Duration::from_ms(dec!(1706.67)).to_string(), "1.71 s");
    assert_eq!(Duration::from_ms(dec!(200)).to_string(), "200 ms");
}

#[test]
fn durations_take_unit_words() {
    let ms = |text: &str| {
        text.parse::<Duration>()
            .map_err(|e| e.to_string())
            .map(Duration::ms)
    };
    assert_eq!(ms("1 second"), Ok(dec!(1000)));
    assert_eq!(ms("30 seconds"), Ok(dec!(30000)));
    assert_eq!(ms("1 sec"), Ok(dec!(1000)));
    assert_eq!(ms("45 secs"), Ok(dec!(45000)));
    assert_eq!(ms("1 minute"), Ok(dec!(60000)));
    // 90 × 60,000 ms.
    assert_eq!(ms("90 mins"), Ok(dec!(5400000)));
    assert_eq!(ms("5 Min"), Ok(dec!(300000)));
    assert_eq!(ms("1 hour"), Ok(dec!(3600000)));
    assert_eq!(ms("2 hrs"), Ok(dec!(7200000)));
    assert_eq!(ms("1 hr"), Ok(dec!(3600000)));
    assert_eq!(ms("1 H"), Ok(dec!(3600000)));
    assert_eq!(ms("1 day"), Ok(dec!(86400000)));
    assert_eq!(ms("7 days"), Ok(dec!(604800000)));
    assert_eq!(ms("1 week"), Ok(dec!(604800000)));
    // 2 × 7 × 86,400,000 ms.
    assert_eq!(ms("2 weeks"), Ok(dec!(1209600000)));
    assert_eq!(ms("250 milliseconds"), Ok(dec!(250)));
    assert!(ms("1 M").unwrap_err().contains("minutes or months"));
    assert!(ms("1 month").unwrap_err().contains("write days"));
}

#[test]
fn rates_are_exact_per_second() {
    let rate = |text: &str| parse_rate(text).map_err(|e| e.to_string());
    assert_eq!(rate("3000"), Ok(dec!(3000)));
    assert_eq!(rate("0.5"), Ok(dec!(0.5)));
    assert_eq!(rate("1_000/s"), Ok(dec!(1000)));
    assert_eq!(rate("2k/s"), Ok(dec!(2000)));
    assert_eq!(rate("2k"), Ok(dec!(2000)));
    // 8,640,000 a day over 86,400 seconds a day.
    assert_eq!(rate("8.64M/day"), Ok(dec!(100)));
    assert_eq!(rate("8.64 million per day"), Ok(dec!(100)));
    // 600 a minute over 60 seconds.
    assert_eq!(rate("600/min"), Ok(dec!(10)));
    // 3,600,000 an hour over 3,600 seconds.
    assert_eq!(rate("3.6 M per hour"), Ok(dec!(1000)));
    // 604,800 a week over 604,800 seconds.
    assert_eq!(rate("604800 per week"), Ok(dec!(1)));
    assert_eq!(rate("1/ms"), Ok(dec!(1000)));
    assert_eq!(rate("2 per second"), Ok(dec!(2)));
    assert_eq!(rate("120 Per Minute"), Ok(dec!(2)));
}

#[test]
fn rates_that_do_not_divide_keep_28_significant_digits() {
    // 500 a minute is 8⅓ a second: 28 significant digits, the last rounded.
    assert_eq!(rate_of("500/min"), dec!(8.333333333333333333333333333));
    // 1,500,000 an hour is 416⅔ a second.
    assert_eq!(
        rate_of("1.5 M per hour"),
        dec!(416.66666666666666666666666667)
    );
    // 100,000 a day is 125/108 = 1.157407407… a second (407 repeating).
    assert_eq!(
        rate_of("100000 per day"),
        dec!(1.1574074074074074074074074074)
    );
    // What is lost is far below anything calc prints: under 10^-20 a day.
    let per_day = rate_of("100000 per day") * dec!(86400);
    assert!((per_day - dec!(100000)).abs() < dec!(0.00000000000000000001));
}

fn rate_of(text: &str) -> Decimal {
    parse_rate(text)
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn bad_rates_say_why() {
    let error = |text: &str| parse_rate(text).map_err(|e| e.to_string()).unwrap_err();
    assert_eq!(
        error("5/fortnight"),
        "unknown period `fortnight` in `5/fortnight`; use s, min, h, d or w"
    );
    assert_eq!(
        error("5/"),
        "`5/` has no period after it; write e.g. `5/s` or `5 per day`"
    );
    assert!(error("2m/s").contains("write `M` for millions"));
    assert!(error("2 x/s").contains("unknown count `x`"));
    assert!(error("fast").contains("does not start with a number"));
    assert!(error("-5/s").contains("negative"));
    assert!(error("1/M").contains("minutes or months"));
    assert!(error("1M/month").contains("unknown period `month`"));
}

#[test]
fn floats_keep_the_digits_as_written() {
    assert_eq!(decimal_from_f64(0.015), Some(dec!(0.015)));
    assert_eq!(decimal_from_f64(0.0000166667), Some(dec!(0.0000166667)));
    assert_eq!(decimal_from_f64(0.1), Some(dec!(0.1)));
    assert_eq!(decimal_from_f64(f64::NAN), None);
}

#[test]
fn a_count_of_one_takes_the_singular() {
    for (unit, one) in [
        ("shards", "shard"),
        ("prefixes", "prefix"),
        ("records/s", "record/s"),
        ("DPUs/worker", "DPU/worker"),
        ("instance-hours", "instance-hour"),
        ("consumer groups", "consumer group"),
        ("queries", "query"),
        // Not plural, or a count of many.
        ("KB", "KB"),
        ("shard-hour", "shard-hour"),
        ("million requests", "million requests"),
        ("WCU", "WCU"),
    ] {
        assert_eq!(after_count("1", unit), one, "{unit}");
    }
    assert_eq!(after_count("2", "shards"), "shards");
    assert_eq!(after_count("1.5", "shards"), "shards");
    assert_eq!(after_count("0", "shards"), "shards");
}

#[test]
fn one_duration_then_another_adds_exactly() {
    let ms = |d: Decimal| Duration::from_ms(d);
    // 200 ms of Kinesis and then a 60 s buffer: 60,200 ms.
    let path = ms(dec!(200)).then(ms(dec!(60000))).unwrap();
    assert_eq!(path.ms(), dec!(60200));
    // In tenths, and then in hundredths: 0.5 + 2.25 = 2.75 ms.
    let mixed = ms(dec!(0.5)).then(ms(dec!(2.25))).unwrap();
    assert_eq!(mixed.ms(), dec!(2.75));
    // Past the largest decimal: none, as `checked_add` says.
    assert_eq!(ms(Decimal::MAX).then(ms(dec!(1))), None);
    // The places of decimals are kept as `checked_add` keeps them, and a
    // sum past 96 bits in tenths is rounded to fit, as it rounds it.
    let huge = Decimal::from_i128_with_scale((1 << 95) + 1, 1);
    for (a, b) in [
        (dec!(1.5), dec!(2.5)),
        (dec!(0), dec!(0.000)),
        (huge, huge),
        (dec!(7), dec!(0.25)),
    ] {
        let sum = ms(a).then(ms(b)).map(Duration::ms);
        let expected = a.checked_add(b);
        assert_eq!(sum, expected, "{a} + {b}");
        assert_eq!(
            sum.map(|s| s.scale()),
            expected.map(|s| s.scale()),
            "{a} + {b}"
        );
    }
}

#[test]
fn spans_order_by_their_length_whatever_their_scale() {
    let ms = |x: Decimal| Duration::from_ms(x);
    // 200 ms against 60 s, both whole milliseconds.
    assert!(ms(dec!(200)) < Duration::from_secs(60));
    // 1.5 ms against 2 ms, and 2.50 ms against 2.5 ms: equal, though
    // written to different places.
    assert!(ms(dec!(1.5)) < ms(dec!(2)));
    assert_eq!(
        ms(dec!(2.50)).cmp(&ms(dec!(2.5))),
        std::cmp::Ordering::Equal
    );
    assert!(ms(dec!(0.25)) > ms(dec!(0.125)));
    assert_eq!(
        [ms(dec!(3)), ms(dec!(0.5)), ms(dec!(2.75))].iter().max(),
        Some(&ms(dec!(3)))
    );
}
