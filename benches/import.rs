//! `cargo bench --bench import`: `calc pricing import` on a generated offer
//! file of about 100 MB, as large as a real one (S3's and Lambda's are
//! 10-15 MB, EC2's us-east-1 file about 480 MB): tens of thousands of
//! products of other usage types and Regions, each with its on-demand
//! term, and the dozen Kinesis products calc maps. It prints the time and
//! the peak resident memory, in the process and in the `calc` binary, for
//! the file with `products` first (as AWS writes it) and with `terms`
//! first (read twice).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calc::pricing::import::{Request, import};

/// Products of other usage types and Regions: about 1.4 KB each with its term.
const NOISE: usize = 76_000;

const REGIONS: [(&str, &str); 6] = [
    ("us-east-1", ""),
    ("us-east-2", "USE2-"),
    ("us-west-2", "USW2-"),
    ("eu-west-1", "EU-"),
    ("eu-central-1", "EUC1-"),
    ("ap-northeast-1", "APN1-"),
];

/// The products calc maps, with their per-unit prices.
const MAPPED: [(&str, &str); 10] = [
    ("Storage-ShardHour", "0.0150000000"),
    ("PutRequestPayloadUnits", "0.0000000140"),
    ("Extended-ShardHour", "0.0200000000"),
    ("LongTermRetention-ByteHrs", "0.0230000000"),
    ("EnhancedFanoutHour", "0.0150000000"),
    ("OnDemand-StreamHour", "0.0400000000"),
    ("OnDemand-BilledIncomingBytes", "0.0800000000"),
    ("OnDemand-BilledOutgoingBytes", "0.0400000000"),
    ("OnDemand-BilledOutgoingEFOBytes", "0.0500000000"),
    ("OnDemand-ExtendedRetention-ByteHrs", "0.1000000000"),
];

fn main() {
    let dir = std::env::temp_dir().join(format!("calc-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for terms_first in [false, true] {
        let name = if terms_first {
            "terms-first.json"
        } else {
            "offer.json"
        };
        let path = dir.join(name);
        write_offer(&path, terms_first).expect("write the offer file");
        let size = std::fs::metadata(&path).expect("size").len();
        let before = peak_kib();
        let files = [path.clone()];
        let request = Request {
            files: &files,
            region: "us-east-1",
            usage_type_prefix: None,
        };
        let start = Instant::now();
        let imported = import(&request).expect("imports");
        let elapsed = start.elapsed();
        assert_eq!(imported.found.len(), MAPPED.len());
        let after = peak_kib();
        println!(
            "import {} MB ({}): {:.2} s in the process, peak RSS {} MiB before, {} MiB after",
            size / 1_000_000,
            if terms_first {
                "terms first"
            } else {
                "products first"
            },
            elapsed.as_secs_f64(),
            before.map_or("?".into(), |k| (k / 1024).to_string()),
            after.map_or("?".into(), |k| (k / 1024).to_string()),
        );
        binary(&path);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the `calc` binary on the file: its time and peak memory.
fn binary(path: &Path) {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_calc"));
    let start = Instant::now();
    let output = Command::new(exe)
        .args(["pricing", "import", "--region", "us-east-1"])
        .arg(path)
        .output()
        .expect("calc runs");
    let elapsed = start.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    println!(
        "  the calc binary: {:.2} s, peak RSS of the largest child so far {}",
        elapsed.as_secs_f64(),
        children_peak_kib().map_or("?".into(), |k| format!("{} MiB", k / 1024)),
    );
}

/// This process's peak resident memory (`VmHWM`), in KiB, on Linux.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The peak resident memory of the largest child waited for, in KiB.
#[cfg(unix)]
fn children_peak_kib() -> Option<u64> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `getrusage` fills the structure it is given.
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) != 0 {
            return None;
        }
        usage.assume_init()
    };
    u64::try_from(usage.ru_maxrss).ok()
}

#[cfg(not(unix))]
fn children_peak_kib() -> Option<u64> {
    None
}

/// Writes the offer file, product by product, without holding it.
fn write_offer(path: &Path, terms_first: bool) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    writeln!(
        out,
        "{{\n  \"formatVersion\" : \"v1.0\",\n  \"disclaimer\" : \"This pricing list is for informational purposes only.\",\n  \
         \"offerCode\" : \"AmazonKinesis\",\n  \"version\" : \"20240701000000\",\n  \"publicationDate\" : \"2024-07-01T00:00:00Z\","
    )?;
    if terms_first {
        terms(&mut out)?;
        writeln!(out, ",")?;
        products(&mut out)?;
    } else {
        products(&mut out)?;
        writeln!(out, ",")?;
        terms(&mut out)?;
    }
    writeln!(out, ",\n  \"attributesList\" : {{ }}\n}}")?;
    out.flush()
}

/// The `i`th product: its SKU, Region, usage type and price.
fn product(i: usize) -> (String, &'static str, String, String) {
    if i < MAPPED.len() {
        let (usage_type, price) = MAPPED[i];
        return (
            format!("MAPPED{i:010}"),
            "us-east-1",
            usage_type.to_string(),
            price.to_string(),
        );
    }
    let (region, prefix) = REGIONS[i % REGIONS.len()];
    let (usage, _) = MAPPED[i % MAPPED.len()];
    // Usage types calc does not map, and in the other Regions the mapped
    // ones as well.
    let usage_type = if region != "us-east-1" && i.is_multiple_of(3) {
        format!("{prefix}{usage}")
    } else {
        format!("{prefix}Other-{usage}-{i}")
    };
    (
        format!("NOISE{i:011}"),
        region,
        usage_type,
        format!("0.{:010}", i % 1_000_000 + 1),
    )
}

fn products(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "  \"products\" : {{")?;
    for i in 0..MAPPED.len() + NOISE {
        let (sku, region, usage_type, _) = product(i);
        let separator = if i + 1 == MAPPED.len() + NOISE {
            ""
        } else {
            ","
        };
        writeln!(
            out,
            "    \"{sku}\" : {{\n      \"sku\" : \"{sku}\",\n      \"productFamily\" : \"Kinesis Streams\",\n      \"attributes\" : {{\n        \
             \"servicecode\" : \"AmazonKinesis\",\n        \"location\" : \"Somewhere ({region})\",\n        \"locationType\" : \"AWS Region\",\n        \
             \"group\" : \"Kinesis Streams group {n}\",\n        \"groupDescription\" : \"A description of the group that is long enough to be typical\",\n        \
             \"usagetype\" : \"{usage_type}\",\n        \"operation\" : \"Operation{n}\",\n        \"regionCode\" : \"{region}\",\n        \
             \"servicename\" : \"Amazon Kinesis\"\n      }}\n    }}{separator}",
            n = i % 97
        )?;
    }
    write!(out, "  }}")
}

fn terms(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "  \"terms\" : {{\n    \"OnDemand\" : {{")?;
    for i in 0..MAPPED.len() + NOISE {
        let (sku, _, _, price) = product(i);
        let separator = if i + 1 == MAPPED.len() + NOISE {
            ""
        } else {
            ","
        };
        writeln!(
            out,
            "      \"{sku}\" : {{\n        \"{sku}.JRTCKXETXF\" : {{\n          \"offerTermCode\" : \"JRTCKXETXF\",\n          \"sku\" : \"{sku}\",\n          \
             \"effectiveDate\" : \"2024-07-01T00:00:00Z\",\n          \"priceDimensions\" : {{\n            \"{sku}.JRTCKXETXF.6YS6EN2CT7\" : {{\n              \
             \"unit\" : \"Units\",\n              \"endRange\" : \"Inf\",\n              \"description\" : \"${price} per unit of something in some Region\",\n              \
             \"appliesTo\" : [ ],\n              \"rateCode\" : \"{sku}.JRTCKXETXF.6YS6EN2CT7\",\n              \"beginRange\" : \"0\",\n              \
             \"pricePerUnit\" : {{\n                \"USD\" : \"{price}\"\n              }}\n            }}\n          }},\n          \"termAttributes\" : {{ }}\n        }}\n      }}{separator}"
        )?;
    }
    write!(out, "    }}\n  }}")
}
