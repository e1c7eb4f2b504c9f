//! Every service, written from the `pub mod` lines of `services/mod.rs`.
//! Do not edit: add the line, then run `CALC_REGENERATE=1 cargo test`.

use super::kit::ServiceDef;
use crate::model::priced::Priced;

/// Every service, in the order `calc services` lists them.
pub const ALL: &[&ServiceDef] = &[
    &super::kinesis_data_streams::SERVICE,
    &super::firehose::SERVICE,
    &super::managed_flink::SERVICE,
    &super::msk::SERVICE,
    &super::sqs::SERVICE,
    &super::sns::SERVICE,
    &super::eventbridge::SERVICE,
    &super::lambda::SERVICE,
    &super::dynamodb::SERVICE,
    &super::s3::SERVICE,
    &super::ec2::SERVICE,
    &super::athena::SERVICE,
    &super::glue::SERVICE,
    &super::emr::SERVICE,
    &super::fargate::SERVICE,
    &super::batch::SERVICE,
    &super::redshift::SERVICE,
    &super::documentdb::SERVICE,
    &super::timestream::SERVICE,
    &super::quicksight::SERVICE,
    &super::data_transfer::SERVICE,
];

/// What a pricing table may hold, service by service, in that order.
pub(super) static PRICED: &[Priced] = &[
    super::kinesis_data_streams::SERVICE.priced(),
    super::firehose::SERVICE.priced(),
    super::managed_flink::SERVICE.priced(),
    super::msk::SERVICE.priced(),
    super::sqs::SERVICE.priced(),
    super::sns::SERVICE.priced(),
    super::eventbridge::SERVICE.priced(),
    super::lambda::SERVICE.priced(),
    super::dynamodb::SERVICE.priced(),
    super::s3::SERVICE.priced(),
    super::ec2::SERVICE.priced(),
    super::athena::SERVICE.priced(),
    super::glue::SERVICE.priced(),
    super::emr::SERVICE.priced(),
    super::fargate::SERVICE.priced(),
    super::batch::SERVICE.priced(),
    super::redshift::SERVICE.priced(),
    super::documentdb::SERVICE.priced(),
    super::timestream::SERVICE.priced(),
    super::quicksight::SERVICE.priced(),
    super::data_transfer::SERVICE.priced(),
];
