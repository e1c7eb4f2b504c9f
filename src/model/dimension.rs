//! What a pricing table prices and limits: billing dimensions
//! (`kinesis_data_streams.shard_hour`) and quotas
//! (`kinesis_data_streams.shards_per_account`), each with a key hashed when
//! the program is compiled.

/// A billing dimension: the key its price has in a pricing table
/// (`kinesis_data_streams.shard_hour`) and the unit calc counts it in.
#[derive(Debug, PartialEq, Eq)]
pub struct Dimension {
    pub key: &'static str,
    pub unit: &'static str,
    /// [`key_hash`] of `key`, worked out when the program is compiled: a
    /// price is found by it, without hashing a string at run time.
    pub hash: u64,
    /// The service whose catalogue (`[instances.<service>]`) prices this
    /// dimension by type, for a dimension priced by another catalogue's rows
    /// than its service's own (an EMR group's EC2 part, priced by
    /// `[instances.ec2]`); `None` for a dimension priced in `[prices]`, or
    /// its service's own catalogue dimension.
    pub rows: Option<&'static str>,
    /// Whether a table may price it apart for some destination Regions
    /// (`[prices.<key>.to."us-east-2"]`: AWS charges less between some
    /// pairs of Regions), over its one price for every other destination.
    pub by_destination: bool,
}

impl Dimension {
    /// The key without its service: `shard_hour`.
    pub fn name(&self) -> &'static str {
        self.key.split_once('.').map_or(self.key, |(_, name)| name)
    }

    /// The service whose catalogue rows price it by type: `rows`, else its
    /// own service.
    pub fn catalogue(&self) -> &'static str {
        self.rows
            .unwrap_or_else(|| self.key.split_once('.').map_or("", |(s, _)| s))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitKind {
    Count,
    Bytes,
    Duration,
}

/// A quota or typical figure that AWS sets and may change, read from the pricing table.
#[derive(Debug, PartialEq, Eq)]
pub struct Limit {
    pub key: &'static str,
    /// [`key_hash`] of `key`, as for a [`Dimension`].
    pub hash: u64,
    pub kind: LimitKind,
    /// What it limits, for messages: "shards per account".
    pub what: &'static str,
}

impl Limit {
    pub fn name(&self) -> &'static str {
        self.key.split_once('.').map_or(self.key, |(_, name)| name)
    }
}

impl Dimension {
    pub const fn new(key: &'static str, unit: &'static str) -> Self {
        Self {
            key,
            unit,
            hash: key_hash(key),
            rows: None,
            by_destination: false,
        }
    }

    /// The same dimension, which a table may price apart for some
    /// destination Regions.
    pub const fn priced_by_destination(self) -> Self {
        Self {
            by_destination: true,
            ..self
        }
    }

    /// The same dimension, priced by type by the rows of `service`'s catalogue.
    pub const fn priced_by_rows_of(self, service: &'static str) -> Self {
        Self {
            rows: Some(service),
            ..self
        }
    }
}

impl Limit {
    pub const fn new(key: &'static str, kind: LimitKind, what: &'static str) -> Self {
        Self {
            key,
            hash: key_hash(key),
            kind,
            what,
        }
    }
}

/// FNV-1a of a price's or limit's key, in a constant: the registry's keys
/// are hashed when the program is compiled.
pub const fn key_hash(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}
