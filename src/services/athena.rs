//! Amazon Athena SQL queries, billed per TB of data scanned.

use rust_decimal::Decimal;

use crate::base::number::Number;
use crate::base::units::{Bytes, MIB};
use crate::model::choice::{Choice, choice};
use crate::model::dimension::{Dimension, Limit, LimitKind};
use crate::model::flow::{Buffered, Flow};
use crate::model::keys::{Default, Invalid, Key, Kind, Values};
use crate::model::offer::Offer;
use crate::model::report::{ComponentResult, Properties};
use crate::model::traced::Traced;
use crate::model::working::Given;
use crate::services::kit::bill::charge_into;
use crate::services::kit::given;
use crate::services::kit::{Component, Ctx, Doc, EvalError, Functions, ServiceDef};

/// Queries with no `table_size` and no bucket before them have nothing to
/// read.
const NOTHING_TO_READ: EvalError = EvalError::MissingStored {
    needs: "`table_size`, or an `s3` component before it that stores the data",
    help: "set `table_size`, or `from` the bucket the data lands in, with its `storage` or `retention`",
};

pub const SERVICE: ServiceDef = ServiceDef {
    name: "athena",
    title: "Athena",
    aliases: &[],
    dimensions: &[&DATA_SCANNED],
    limits: &[&LATENCY, &SMALL_FILE_SIZE],
    keys: &[
        &QUERIES_PER_MONTH,
        &TABLE_SIZE,
        &FORMAT,
        &COMPRESSION_RATIO,
        &COLUMNS,
        &COLUMNS_READ,
        &PARTITIONS_READ,
        &FILE_SIZE,
    ],
    functions: Functions::of::<Input>(),
    doc: &DOC,
    input: None,
    catalogue: None,
    offer: Some(&Offer {
        code: "AmazonAthena",
        catalogue: None,
        mappings: &[],
    }),
    transforms: false,
};

static QUERIES_PER_MONTH: Key = Key::new(
    "queries_per_month",
    Kind::Number,
    Default::None,
    "queries run a month, each reading the same share of the table",
)
.defaulting_to("required");
static TABLE_SIZE: Key = Key::new(
    "table_size",
    Kind::Size,
    Default::None,
    "the table's data, uncompressed (divided by `compression_ratio` for what is stored)",
)
.defaulting_to("what the `s3` before it stores");
static FORMAT: Key = Key::new(
    "format",
    Kind::Choice(Format::NAMES),
    Default::Text("csv"),
    "`csv`, `json` (read whole), `parquet` or `orc` (only the columns read)",
);
static COMPRESSION_RATIO: Key = Key::new(
    "compression_ratio",
    Kind::Ratio,
    Default::Integer(1),
    "uncompressed size over stored size (GZIP text about 3, at least 1)",
);
static COLUMNS: Key = Key::new(
    "columns",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::None,
    "the table's columns, of equal size",
)
.defaulting_to("not split by column");
static COLUMNS_READ: Key = Key::new(
    "columns_read",
    Kind::Count {
        min: 0,
        max: 1_000_000,
    },
    Default::None,
    "columns a query reads (Parquet and ORC scan only those)",
)
.defaulting_to("every column");
static PARTITIONS_READ: Key = Key::new(
    "partitions_read",
    Kind::Number,
    Default::Integer(1),
    "the share of the table's partitions a query reads (0 to 1)",
);

static FILE_SIZE: Key = Key::new(
    "file_size",
    Kind::Size,
    Default::None,
    "the size of the files the table is made of",
)
.defaulting_to("the objects of the `s3` before it, if known");

pub const DOC: Doc = Doc {
    bills: "TB scanned: each query's share of `table_size` (÷ `compression_ratio`; Parquet and ORC × `columns_read` / `columns`; × `partitions_read`), rounded up to the MB with a 10 MB minimum; without `table_size`, what the `s3` before it holds, as stored. Files under 128 MB (`file_size`, or the bucket's objects) are a warning, with their size and the fix that fits what wrote them: a buffer below its maximum to raise, else larger writes or compaction",
    reports: "TB scanned, MB billed per query",
    summary: "serverless SQL over data in S3, billed per TB each query scans",
    ordering: "none",
    retention: "none: the data stays in S3",
    replay: "yes: the data in S3 can be queried again",
    latency: "seconds a query",
    scaling: "scans in parallel; concurrent queries are an account quota",
    formulas: &[
        "scanned per query = table_size / compression_ratio x partitions_read (x columns_read / columns for Parquet and ORC)",
        "without `table_size`, what the S3 bucket before it stores, as stored (already compressed)",
        "billed per query = scanned rounded up to the MB, at least 10 MB",
        "TB scanned = queries x billed MB / 1,048,576",
    ],
};

pub const DATA_SCANNED: Dimension = Dimension::new("athena.data_scanned_tb", "TB");

pub const LATENCY: Limit = Limit::new("athena.latency", LimitKind::Duration, "query latency");
pub const SMALL_FILE_SIZE: Limit = Limit::new(
    "athena.small_file_size",
    LimitKind::Bytes,
    "files below which Athena spends its time opening them",
);

choice! {
    pub enum Format {
        Csv = "csv",
        Json = "json",
        Parquet = "parquet",
        Orc = "orc",
    }
}

impl Format {
    /// Parquet and ORC store each column apart, so a query reads only the
    /// columns it names; CSV and JSON rows must be read whole.
    fn columnar(self) -> bool {
        matches!(self, Self::Parquet | Self::Orc)
    }
}

/// AWS's rule (Athena pricing page): bytes scanned are rounded up to the
/// megabyte, with a 10 MB minimum per query. Redshift Spectrum bills so too.
pub const MINIMUM_BILLED_MB: Decimal = Decimal::TEN;
/// Megabytes in a terabyte: AWS meters data in powers of 1,024.
pub const MB_PER_TB: Decimal = Decimal::from_parts(1_048_576, 0, 0, false, 0);

#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub queries_per_month: Decimal,
    /// `None`: what the bucket before it stores.
    pub table_size: Option<Bytes>,
    pub format: Format,
    pub compression_ratio: Decimal,
    /// The share of the columns a query reads: `(columns_read, columns)`;
    /// `None` reads every column.
    pub columns: Option<(u32, u32)>,
    pub partitions_read: Decimal,
    pub file_size: Option<Bytes>,
}

fn build(values: &Values) -> Result<Input, Invalid> {
    let default = || Invalid::component("a key of `athena` has no value");
    let Some(queries_per_month) = values.number(&QUERIES_PER_MONTH) else {
        return Err(Invalid::component("`athena` needs `queries_per_month`")
            .with_help("set how many queries run a month, e.g. `queries_per_month = 10000`"));
    };
    // Without its own size, the table is what the bucket before it holds,
    // found when the flow is evaluated.
    let table_size = values.bytes(&TABLE_SIZE);
    let columns = match (values.count(&COLUMNS), values.count(&COLUMNS_READ)) {
        (Some(0), _) => return Err(Invalid::new(&COLUMNS, "`columns` must be at least 1")),
        (_, Some(0)) => {
            return Err(
                Invalid::new(&COLUMNS_READ, "`columns_read` must be at least 1")
                    .with_help("a query reads at least one column"),
            );
        }
        (None, Some(_)) => {
            return Err(Invalid::new(
                &COLUMNS_READ,
                "`columns_read` needs `columns`, the table's columns",
            )
            .with_help("set `columns`, so that calc knows what share of the table is read"));
        }
        (Some(columns), Some(read)) if read > columns => {
            return Err(Invalid::new(
                &COLUMNS_READ,
                format!("`columns_read` ({read}) is more than `columns` ({columns})"),
            ));
        }
        (Some(columns), read) => Some((read.unwrap_or(columns), columns)),
        (None, None) => None,
    };
    let partitions_read = values.number(&PARTITIONS_READ).ok_or_else(default)?;
    if partitions_read.is_zero() || partitions_read > Decimal::ONE {
        return Err(Invalid::new(
            &PARTITIONS_READ,
            format!("`partitions_read` is a share of the partitions, more than 0 and at most 1 (found {partitions_read})"),
        )
        .with_help("a query that reads a tenth of the partitions has `partitions_read = 0.1`"));
    }
    Ok(Input {
        queries_per_month,
        table_size,
        format: values.choice(&FORMAT).ok_or_else(default)?,
        compression_ratio: values.number(&COMPRESSION_RATIO).ok_or_else(default)?,
        columns,
        partitions_read,
        file_size: values.bytes(&FILE_SIZE),
    })
}

/// What to do about small files, from what Athena knows of them: only a
/// buffer that batched them and could batch more is worth raising; one at
/// its maximum leaves compaction; of other files, it knows only their size.
fn small_files_fix(buffer: Option<Buffered>) -> &'static str {
    match buffer {
        Some(Buffered::CanGrow) => {
            "Athena spends its time opening files this small: raise the size or interval \
             of the buffer that batches them (it is below its maximum), or compact them, \
             to query faster"
        }
        Some(Buffered::AtMaximum) => {
            "Athena spends its time opening files this small, and the buffer that batches \
             them is at its maximum: compact them after they land to query faster"
        }
        None => {
            "Athena spends its time opening files this small: write larger files (batch \
             more before each write, or compact them) to query faster"
        }
    }
}

impl Component for Input {
    fn build(values: &Values) -> Result<Self, Invalid> {
        build(values)
    }

    fn evaluate_into<N: Number>(
        &self,
        ctx: &Ctx<N>,
        result: &mut ComponentResult<N>,
    ) -> Result<(), EvalError> {
        result.reset(SERVICE.name, Some(self.format.as_str()));
        // Athena reads the data as stored: compressed text is scanned at its
        // compressed size, and a columnar file only in the columns named.
        let stored = match self.table_size {
            Some(size) => given::size(size, &TABLE_SIZE).per(given::key(
                self.compression_ratio,
                "",
                &COMPRESSION_RATIO,
            ))?,
            None => {
                let held = ctx.input.stored.ok_or(NOTHING_TO_READ)?;
                if self.compression_ratio != Decimal::ONE {
                    result.note(
                        "compression_in_the_bucket",
                        "the bucket's size is already as stored: `compression_ratio` applies \
                         only to a stated `table_size`",
                    );
                }
                Traced::given(held.decimal(), "B", || Given::Stored)
            }
        };
        let whole = || Traced::rule(Decimal::ONE, "", "every column is read");
        let share = match self.columns {
            Some((read, columns)) if self.format.columnar() => {
                given::key(read, "", &COLUMNS_READ).per(given::key(columns, "", &COLUMNS))?
            }
            Some((read, columns)) if read < columns => {
                result.note(
                    "text_read_whole",
                    "CSV and JSON are read whole whatever the columns a query names; \
                     Parquet or ORC would scan only those columns",
                );
                whole()
            }
            _ => whole(),
        };
        let partitions = given::key(self.partitions_read, "", &PARTITIONS_READ);
        let scanned = stored.times(share)?.times(partitions)?;
        // Many small files cost Athena more time opening and listing them
        // than reading (AWS Big Data blog, "Top 10 performance tuning tips for
        // Amazon Athena"; the study note says the same of 128 MB).
        let files = match self.file_size {
            Some(size) => Some(("files of", size, None)),
            None => ctx
                .input
                .stored_object_size
                .map(|size| ("objects of", size, ctx.input.object_buffer)),
        };
        if let Some((lead, size, buffer)) = files
            && size < ctx.bytes(&SMALL_FILE_SIZE)?
        {
            result.warn_about("small_files", (lead, size), small_files_fix(buffer));
        }
        let mb = Traced::rule(Decimal::from(MIB), "B", "a query is billed by the whole MB");
        let minimum = Traced::rule(MINIMUM_BILLED_MB, "MB", "a query is billed at least 10 MB");
        let billed_mb = scanned.per(mb)?.ceil().max(minimum);
        let queries = given::key(self.queries_per_month, "queries", &QUERIES_PER_MONTH);
        let mb_per_tb = Traced::rule(MB_PER_TB, "MB", "MB a TB (2^20)");
        let tb = queries.times(billed_mb)?.per(mb_per_tb)?;
        result.capacity_of("queries_per_month", queries, "queries");
        result.capacity_of("scanned_bytes_per_query", scanned, "B");
        result.capacity_of("billed_mb_per_query", billed_mb, "MB");
        result.capacity_of("tb_scanned", tb, "TB");
        charge_into(&mut result.line_items, ctx, &DATA_SCANNED, tb)?;

        // Queries read what S3 keeps; Athena itself keeps nothing, orders
        // nothing, and passes nothing on.
        result.properties = Properties::default();
        result.latency = ctx.duration(&LATENCY)?;
        result.output = Some(Flow::NOTHING);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::units::{GIB, KIB, TIB};
    use crate::model::keys::Value;
    use crate::services::kit::testing::{Alone, ctx, floats_agree, item};
    use rust_decimal_macros::dec;

    /// The queries that the declared keys make, with `set` over their defaults.
    fn built(set: &[(&'static Key, Value)]) -> Result<Input, Invalid> {
        crate::services::kit::testing::built(&SERVICE, set)
    }

    fn queries(per_month: Decimal, table_size: Bytes, format: Format) -> Input {
        Input {
            queries_per_month: per_month,
            table_size: Some(table_size),
            format,
            compression_ratio: Decimal::ONE,
            columns: None,
            partitions_read: Decimal::ONE,
            file_size: None,
        }
    }

    fn cost(input: &Input) -> Decimal {
        item(&input.evaluate(&ctx(dec!(730))).unwrap(), "data_scanned_tb").monthly_cost
    }

    #[test]
    fn floats_give_the_exact_bill_and_verdict() {
        let agree = |input: &Input, flow: Flow| floats_agree(input, flow, &ctx(dec!(730)));
        // Compressed text, read whole whatever the columns named.
        let mut input = queries(dec!(12345.678), Bytes(3 * TIB + 12345), Format::Csv);
        input.compression_ratio = dec!(2.7);
        input.columns = Some((3, 7));
        agree(&input, Flow::NOTHING);
        // Parquet, a share of the columns and of the partitions.
        input.format = Format::Parquet;
        input.partitions_read = dec!(0.37);
        agree(&input, Flow::NOTHING);
        // Queries too small for the 10 MB minimum, on small files.
        let mut input = queries(dec!(1000001), Bytes(KIB + 7), Format::Json);
        input.file_size = Some(Bytes::mib(3));
        agree(&input, Flow::NOTHING);
        // What the bucket before it holds, in small objects.
        let mut input = queries(dec!(97), Bytes(0), Format::Orc);
        input.table_size = None;
        input.columns = Some((2, 9));
        let bucket = Flow {
            stored: Some(Bytes(26_542_080_123)),
            stored_object_size: Some(Bytes::mib(16)),
            ..Flow::NOTHING
        };
        agree(&input, bucket);
        // Nothing to read: the same error in both.
        agree(&input, Flow::NOTHING);
    }

    #[test]
    fn ten_thousand_queries_of_a_gigabyte() {
        // 10,000 × 1 GB = 10,000 GB = 10,000 / 1,024 TB = 9.765625 TB × $5 = $48.828125.
        let result = queries(dec!(10000), Bytes(GIB), Format::Csv)
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let line = item(&result, "data_scanned_tb");
        assert_eq!(line.quantity, dec!(9.765625));
        assert_eq!(line.monthly_cost, dec!(48.828125));
        assert_eq!(result.latency.secs(), dec!(5));
        assert_eq!(result.output, Some(Flow::NOTHING));
    }

    #[test]
    fn aws_pricing_example_of_a_3_tb_table() {
        // AWS's example: 4 equal columns, 3 TB of text, a query reading one column.
        // Text is read whole: 3 TB × $5 = $15.
        let mut input = queries(dec!(1), Bytes(3 * TIB), Format::Csv);
        input.columns = Some((1, 4));
        assert_eq!(cost(&input), dec!(15));
        // GZIP at 3:1 stores 1 TB, read whole: $5.
        input.compression_ratio = dec!(3);
        assert_eq!(cost(&input), dec!(5));
        // Parquet at 3:1 stores 1 TB, of which the one column read is a
        // quarter: 0.25 TB × $5 = $1.25.
        input.format = Format::Parquet;
        assert_eq!(cost(&input), dec!(1.25));
    }

    #[test]
    fn the_aws_example_from_the_declared_keys() {
        // The same example as a scenario writes it: { queries_per_month = 1,
        // table_size = "3 TB", format = "parquet", compression_ratio = 3,
        // columns = 4, columns_read = 1 }: $1.25.
        let input = built(&[
            (&QUERIES_PER_MONTH, Value::Number(dec!(1))),
            (&TABLE_SIZE, Value::Bytes(Bytes(3 * TIB))),
            (&FORMAT, Value::Choice(2)),
            (&COMPRESSION_RATIO, Value::Number(dec!(3))),
            (&COLUMNS, Value::Count(4)),
            (&COLUMNS_READ, Value::Count(1)),
        ])
        .unwrap();
        assert_eq!(input.format, Format::Parquet);
        assert_eq!(input.columns, Some((1, 4)));
        assert_eq!(cost(&input), dec!(1.25));
    }

    #[test]
    fn a_small_query_is_billed_as_10_mb() {
        // A 1 KB scan rounds up to 1 MB, then to the 10 MB minimum:
        // 1,000,000 queries × 10 MB = 10,000,000 MB / 1,048,576 = 9.5367431640625 TB
        // × $5 = $47.6837158203125.
        let result = queries(dec!(1000000), Bytes(KIB), Format::Json)
            .evaluate(&ctx(dec!(730)))
            .unwrap();
        let line = item(&result, "data_scanned_tb");
        assert_eq!(line.quantity, dec!(9.5367431640625));
        assert_eq!(line.monthly_cost, dec!(47.6837158203125));
        // 1 MB and 10 MB are billed alike; 10 MB and a byte is 11 MB.
        let one_mb = queries(dec!(1), Bytes::mib(1), Format::Csv);
        let ten_mb = queries(dec!(1), Bytes::mib(10), Format::Csv);
        let over = queries(dec!(1), Bytes(10 * MIB + 1), Format::Csv);
        assert_eq!(cost(&one_mb), cost(&ten_mb));
        // 11 MB = 11 / 1,048,576 TB × $5 = $0.0000524520874023437500.
        assert_eq!(cost(&over), dec!(0.00005245208740234375));
    }

    #[test]
    fn columnar_formats_read_only_the_columns_named() {
        // 100 GB of Parquet, 3 of 30 columns: a tenth, 10 GB = 10,240 MB a query.
        // 1,024 queries × 10,240 MB = 10,485,760 MB = 10 TB × $5 = $50.
        let mut input = queries(dec!(1024), Bytes(100 * GIB), Format::Parquet);
        input.columns = Some((3, 30));
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "data_scanned_tb").quantity, dec!(10));
        assert_eq!(item(&result, "data_scanned_tb").monthly_cost, dec!(50));
        assert!(result.notes.is_empty());
        // The same table as ORC is read alike; as CSV, whole: 100 TB, $500,
        // with a note saying why.
        input.format = Format::Orc;
        assert_eq!(cost(&input), dec!(50));
        input.format = Format::Csv;
        let result = input.evaluate(&ctx(dec!(730))).unwrap();
        assert_eq!(item(&result, "data_scanned_tb").monthly_cost, dec!(500));
        assert_eq!(result.notes[0].code, "text_read_whole");
    }

    #[test]
    fn partitions_read_scale_the_scan() {
        // 1 TB, a query reading a quarter of the partitions: 0.25 TB.
        // 8 queries × 262,144 MB = 2 TB × $5 = $10.
        let mut input = queries(dec!(8), Bytes(TIB), Format::Csv);
        input.partitions_read = dec!(0.25);
        assert_eq!(cost(&input), dec!(10));
    }

    #[test]
    fn the_defaults_read_the_whole_csv_table() {
        let input = built(&[
            (&QUERIES_PER_MONTH, Value::Number(dec!(5))),
            (&TABLE_SIZE, Value::Bytes(Bytes(GIB))),
        ])
        .unwrap();
        assert_eq!(input, queries(dec!(5), Bytes(GIB), Format::Csv));
        // Four columns, none said read: every column.
        let input = built(&[
            (&QUERIES_PER_MONTH, Value::Number(dec!(5))),
            (&TABLE_SIZE, Value::Bytes(Bytes(GIB))),
            (&COLUMNS, Value::Count(4)),
        ])
        .unwrap();
        assert_eq!(input.columns, Some((4, 4)));
    }

    #[test]
    fn inputs_that_cannot_be_are_refused_at_their_key() {
        let base = [
            (&QUERIES_PER_MONTH, Value::Number(dec!(5))),
            (&TABLE_SIZE, Value::Bytes(Bytes(GIB))),
        ];
        let with = |extra: &[(&'static Key, Value)]| {
            let mut set = base.to_vec();
            set.extend_from_slice(extra);
            built(&set).unwrap_err()
        };
        let error = with(&[(&COLUMNS_READ, Value::Count(2))]);
        assert!(std::ptr::eq(error.key.unwrap(), &COLUMNS_READ));
        assert_eq!(
            error.message,
            "`columns_read` needs `columns`, the table's columns"
        );
        let error = with(&[
            (&COLUMNS, Value::Count(4)),
            (&COLUMNS_READ, Value::Count(5)),
        ]);
        assert_eq!(
            error.message,
            "`columns_read` (5) is more than `columns` (4)"
        );
        let error = with(&[(&PARTITIONS_READ, Value::Number(dec!(1.5)))]);
        assert!(std::ptr::eq(error.key.unwrap(), &PARTITIONS_READ));
        let error = with(&[(&PARTITIONS_READ, Value::Number(dec!(0)))]);
        assert!(std::ptr::eq(error.key.unwrap(), &PARTITIONS_READ));
        // Without `table_size`, the bucket before it says; with none, the
        // evaluation asks for one.
        let input = built(&base[..1]).unwrap();
        assert_eq!(
            input.evaluate(&ctx(dec!(730))).unwrap_err(),
            NOTHING_TO_READ
        );
        let error = built(&base[1..]).unwrap_err();
        assert_eq!(error.message, "`athena` needs `queries_per_month`");
    }

    #[test]
    fn without_a_size_it_reads_what_the_bucket_before_it_stores() {
        // The bucket holds 1 TB as stored (say Parquet, already compressed);
        // a query reading 1 of 4 columns scans 0.25 TB = 262,144 MB;
        // 4 queries are 1 TB = $5. A `compression_ratio` is not applied again.
        let mut input = queries(dec!(4), Bytes(0), Format::Parquet);
        input.table_size = None;
        input.columns = Some((1, 4));
        input.compression_ratio = dec!(3);
        let ctx = Ctx {
            input: Flow {
                stored: Some(Bytes(crate::base::units::TIB)),
                ..Flow::NOTHING
            },
            ..ctx(dec!(730))
        };
        let result = input.evaluate(&ctx).unwrap();
        assert_eq!(result.line_items[0].quantity, dec!(1));
        assert_eq!(result.line_items[0].monthly_cost, dec!(5));
        assert_eq!(result.notes[0].code, "compression_in_the_bucket");
    }

    #[test]
    fn files_under_128_mb_are_a_warning() {
        let warned = |input: &Input, ctx: &Ctx| {
            input
                .evaluate(ctx)
                .unwrap()
                .notes
                .iter()
                .any(|note| note.code == "small_files")
        };
        let mut input = queries(dec!(1), Bytes(TIB), Format::Parquet);
        assert!(!warned(&input, &ctx(dec!(730))));
        // The bucket's 16 MB objects, through the flow.
        let fed = Ctx {
            input: Flow {
                stored_object_size: Some(Bytes(16 * MIB)),
                ..Flow::NOTHING
            },
            ..ctx(dec!(730))
        };
        assert!(warned(&input, &fed));
        // Stated: 128 MB files are large enough, 127 MB ones are not.
        input.file_size = Some(Bytes(128 * MIB));
        assert!(!warned(&input, &ctx(dec!(730))));
        input.file_size = Some(Bytes(127 * MIB));
        assert!(warned(&input, &ctx(dec!(730))));
    }

    #[test]
    fn figures_too_large_for_exact_decimals_are_an_error() {
        // 10^25 queries of 1 PB each: about 10^34 MB, past exact decimals.
        let input = queries(dec!(1e25), Bytes(crate::base::units::PIB), Format::Csv);
        assert_eq!(
            input.evaluate(&ctx(dec!(730))).unwrap_err(),
            EvalError::Arithmetic
        );
    }
}
