//! `cargo bench --bench import`: `calc pricing import` on generated offer
//! files as large as real ones (S3's and Lambda's are 10-15 MB, EC2's
//! us-east-1 file about 480 MB). It prints the time and the peak resident
//! memory, in the process and in the `calc` binary, for:
//!
//! - a file of about 100 MB: tens of thousands of products of other usage
//!   types and Regions, each with its on-demand term, and the dozen Kinesis
//!   products calc maps, with `products` first (as AWS writes it);
//! - the same with `terms` first (read twice);
//! - a file of about 230 MB whose 390,000 products, as many as EC2's file has
//!   in a Region, are all in the Region asked for and all of the usage type
//!   one mapping selects, each with its on-demand term: what is kept must
//!   not grow with them;
//! - a file of about 300 MB of as many EC2 products in the Region, of 800
//!   instance types, each type's one On-Demand Linux product among others
//!   (Windows, RHEL, SUSE): the catalogue keeps one entry a type.
//!
//! `cargo bench --bench import -- --write DIR` only writes the files to
//! `DIR`, to measure the release binary on them with other tools (such as
//! `/usr/bin/time -v target/release/calc pricing import --region us-east-1
//! DIR/many.json`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calc::pricing::import::{Missing, Request, import};

/// Products of other usage types and Regions: about 1.4 KB each with its term.
const NOISE: usize = 76_000;

/// Products that one mapping selects, in the Region asked for: about 600
/// bytes each with its term.
const MANY: usize = 390_000;

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

/// A generated offer file.
#[derive(Clone, Copy)]
struct Shape {
    name: &'static str,
    file: &'static str,
    /// Products of other usage types and Regions.
    noise: usize,
    /// Products in us-east-1 of the shard-hour's usage type, beside the
    /// mapped one.
    many: usize,
    terms_first: bool,
    /// An `AmazonEC2` file whose many products are instance types' (not
    /// the shard-hour's).
    ec2: bool,
}

/// The instance types of the EC2 file.
const TYPES: usize = 800;

const SHAPES: [Shape; 4] = [
    Shape {
        name: "products first",
        file: "offer.json",
        noise: NOISE,
        many: 0,
        terms_first: false,
        ec2: false,
    },
    Shape {
        name: "terms first",
        file: "terms-first.json",
        noise: NOISE,
        many: 0,
        terms_first: true,
        ec2: false,
    },
    Shape {
        name: "390,000 products one mapping selects",
        file: "many.json",
        noise: 0,
        many: MANY,
        terms_first: false,
        ec2: false,
    },
    Shape {
        name: "390,000 EC2 products of 800 instance types",
        file: "ec2.json",
        noise: 0,
        many: MANY,
        terms_first: false,
        ec2: true,
    },
];

impl Shape {
    fn products(self) -> usize {
        MAPPED.len() + self.noise + self.many
    }

    /// Whether the `i`th product is one of the many.
    fn is_many(self, i: usize) -> bool {
        (MAPPED.len()..MAPPED.len() + self.many).contains(&i)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--write") {
        let dir = PathBuf::from(args.get(at + 1).expect("--write DIR"));
        std::fs::create_dir_all(&dir).expect("the folder");
        for shape in SHAPES {
            let path = dir.join(shape.file);
            write_offer(&path, shape).expect("write the offer file");
            println!("{}: {}", path.display(), shape.name);
        }
        return;
    }
    let dir = std::env::temp_dir().join(format!("calc-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for shape in SHAPES {
        let path = dir.join(shape.file);
        write_offer(&path, shape).expect("write the offer file");
        let size = std::fs::metadata(&path).expect("size").len();
        let before = peak_kib();
        let files = [path.clone()];
        let request = Request {
            files: &files,
            region: "us-east-1",
            usage_type_prefix: None,
        };
        let start = Instant::now();
        let imported = import(&request, calc::services::vocabulary()).expect("imports");
        let elapsed = start.elapsed();
        // With many, the shard-hour's product is one of them: not chosen,
        // and counted.
        let found = if shape.ec2 {
            // Each type is a row; the Kinesis products are another offer's.
            assert_eq!(imported.rows.len(), TYPES);
            assert!(
                imported.rows_missing.is_empty(),
                "{:?}",
                imported.rows_missing
            );
            0
        } else if shape.many == 0 {
            MAPPED.len()
        } else {
            let shard_hour = &imported.missing["kinesis_data_streams.shard_hour"];
            assert!(
                matches!(shard_hour, Missing::Ambiguous { count, .. } if *count == shape.many + 1),
                "{shard_hour:?}"
            );
            MAPPED.len() - 1
        };
        assert_eq!(imported.found.len(), found);
        drop(imported);
        let after = peak_kib();
        println!(
            "import {} MB ({}): {:.2} s in the process, peak RSS {} MiB before, {} MiB after",
            size / 1_000_000,
            shape.name,
            elapsed.as_secs_f64(),
            before.map_or("?".into(), |k| (k / 1024).to_string()),
            after.map_or("?".into(), |k| (k / 1024).to_string()),
        );
        binary(&path);
        let _ = std::fs::remove_file(&path);
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
        "  the calc binary: {:.2} s, peak RSS of the largest child so far {}, {} bytes of warnings",
        elapsed.as_secs_f64(),
        children_peak_kib().map_or("?".into(), |k| format!("{} MiB", k / 1024)),
        output.stderr.len(),
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
fn write_offer(path: &Path, shape: Shape) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    writeln!(
        out,
        "{{\n  \"formatVersion\" : \"v1.0\",\n  \"disclaimer\" : \"This pricing list is for informational purposes only.\",\n  \
         \"offerCode\" : \"{offer}\",\n  \"version\" : \"20240701000000\",\n  \"publicationDate\" : \"2024-07-01T00:00:00Z\",",
        offer = if shape.ec2 {
            "AmazonEC2"
        } else {
            "AmazonKinesis"
        }
    )?;
    if shape.terms_first {
        terms(&mut out, shape)?;
        writeln!(out, ",")?;
        products(&mut out, shape)?;
    } else {
        products(&mut out, shape)?;
        writeln!(out, ",")?;
        terms(&mut out, shape)?;
    }
    writeln!(out, ",\n  \"attributesList\" : {{ }}\n}}")?;
    out.flush()
}

/// The `i`th product: its SKU, Region, usage type and price.
fn product(i: usize, shape: Shape) -> (String, &'static str, String, String) {
    if i < MAPPED.len() {
        let (usage_type, price) = MAPPED[i];
        return (
            format!("MAPPED{i:010}"),
            "us-east-1",
            usage_type.to_string(),
            price.to_string(),
        );
    }
    if shape.is_many(i) {
        // Half bare, half after us-east-1's billing code: both match.
        let prefix = if i.is_multiple_of(2) { "" } else { "USE1-" };
        return (
            format!("MANY{i:012}"),
            "us-east-1",
            format!("{prefix}Storage-ShardHour"),
            format!("0.{:010}", i % 1_000_000 + 1),
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

fn products(out: &mut impl Write, shape: Shape) -> std::io::Result<()> {
    writeln!(out, "  \"products\" : {{")?;
    let count = shape.products();
    for i in 0..count {
        let (sku, region, usage_type, _) = product(i, shape);
        let separator = if i + 1 == count { "" } else { "," };
        if shape.ec2 && shape.is_many(i) {
            // Type `t` of the Region: its first product Linux, the others
            // another operating system, at the same usage type.
            let n = i - MAPPED.len();
            let (t, variant) = (n % TYPES, n / TYPES);
            let os = match variant % 4 {
                _ if variant == 0 => "Linux",
                0 => "RHEL",
                1 => "Windows",
                2 => "SUSE",
                _ => "Red Hat Enterprise Linux with HA",
            };
            writeln!(
                out,
                "    \"{sku}\":{{\"sku\":\"{sku}\",\"productFamily\":\"Compute Instance\",\"attributes\":{{\
                 \"servicecode\":\"AmazonEC2\",\"location\":\"US East (N. Virginia)\",\
                 \"instanceType\":\"x{t}.large\",\"vcpu\":\"2\",\"memory\":\"8 GiB\",\"tenancy\":\"Shared\",\
                 \"operatingSystem\":\"{os}\",\"licenseModel\":\"No License required\",\
                 \"usagetype\":\"BoxUsage:x{t}.large\",\"capacitystatus\":\"Used\",\"marketoption\":\"OnDemand\",\
                 \"preInstalledSw\":\"NA\",\"regionCode\":\"{region}\"}}}}{separator}"
            )?;
            continue;
        }
        if shape.is_many(i) {
            // Compact: 390,000 of them with their terms make about 235 MB.
            writeln!(
                out,
                "    \"{sku}\":{{\"sku\":\"{sku}\",\"productFamily\":\"Kinesis Streams\",\"attributes\":{{\
                 \"servicecode\":\"AmazonKinesis\",\"location\":\"US East (N. Virginia)\",\
                 \"usagetype\":\"{usage_type}\",\"operation\":\"shardHourStorage\",\"regionCode\":\"{region}\"}}}}{separator}"
            )?;
            continue;
        }
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

fn terms(out: &mut impl Write, shape: Shape) -> std::io::Result<()> {
    writeln!(out, "  \"terms\" : {{\n    \"OnDemand\" : {{")?;
    let count = shape.products();
    for i in 0..count {
        let (sku, _, _, price) = product(i, shape);
        let separator = if i + 1 == count { "" } else { "," };
        if shape.is_many(i) {
            writeln!(
                out,
                "      \"{sku}\":{{\"{sku}.JRTCKXETXF\":{{\"offerTermCode\":\"JRTCKXETXF\",\"sku\":\"{sku}\",\
                 \"priceDimensions\":{{\"{sku}.JRTCKXETXF.6YS6EN2CT7\":{{\
                 \"unit\":\"Hrs\",\"endRange\":\"Inf\",\"appliesTo\":[],\
                 \"rateCode\":\"{sku}.JRTCKXETXF.6YS6EN2CT7\",\"beginRange\":\"0\",\"pricePerUnit\":{{\"USD\":\"{price}\"}}}}}},\
                 \"termAttributes\":{{}}}}}}{separator}"
            )?;
            continue;
        }
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
