//! The usage-type prefix of each Region, which the products of an offer
//! file carry (`USE2-Storage-ShardHour`). Which product prices each of
//! calc's dimensions is said by each service, in its `OFFER`.

/// The prefixes AWS puts on usage types in each Region (its billing codes,
/// from the DynamoDB developer guide's "Understanding your AWS billing and
/// usage reports" and the AWS Region billing codes page). A usage type may
/// also carry no prefix, or the Region's own code.
pub static BILLING_CODES: &[(&str, &[&str])] = &[
    ("af-south-1", &["AFS1"]),
    ("ap-east-1", &["APE1"]),
    ("ap-east-2", &["APE2"]),
    ("ap-northeast-1", &["APN1"]),
    ("ap-northeast-2", &["APN2"]),
    ("ap-northeast-3", &["APN3"]),
    ("ap-south-1", &["APS3"]),
    ("ap-south-2", &["APS5"]),
    ("ap-southeast-1", &["APS1"]),
    ("ap-southeast-2", &["APS2"]),
    ("ap-southeast-3", &["APS4"]),
    ("ap-southeast-4", &["APS6"]),
    ("ap-southeast-5", &["APS7"]),
    ("ap-southeast-6", &["APS8"]),
    ("ap-southeast-7", &["APS9"]),
    ("ca-central-1", &["CAN1"]),
    ("ca-west-1", &["CAN2"]),
    ("eu-central-1", &["EUC1"]),
    ("eu-central-2", &["EUC2"]),
    ("eu-north-1", &["EUN1"]),
    ("eu-south-1", &["EUS1"]),
    ("eu-south-2", &["EUS2"]),
    ("eu-west-1", &["EU", "EUW1"]),
    ("eu-west-2", &["EUW2"]),
    ("eu-west-3", &["EUW3"]),
    ("il-central-1", &["ILC1"]),
    ("me-central-1", &["MEC1"]),
    ("me-south-1", &["MES1"]),
    ("mx-central-1", &["MXC1"]),
    ("sa-east-1", &["SAE1"]),
    ("us-east-1", &["USE1"]),
    ("us-east-2", &["USE2"]),
    ("us-gov-east-1", &["UGE1"]),
    ("us-gov-west-1", &["UGW1"]),
    ("us-west-1", &["USW1"]),
    ("us-west-2", &["USW2"]),
];
