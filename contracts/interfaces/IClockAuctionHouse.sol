// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IMarketPayments} from "./IMarketPayments.sol";

/// @title IClockAuctionHouse
/// @notice Escrowed clock auctions of pets: sale, siring and generation-0. The price moves
/// linearly from a start price to an end price over the duration, then holds at the end
/// price until someone bids or the seller cancels. Each auction of a pet has an id (1 for
/// the pet's first auction here, then 2, ...); a bid names it, so a bid sent for one auction
/// cannot be caught by another auction of the same pet (a seller's cancel and relist at a
/// new price). See docs/market.md.
interface IClockAuctionHouse is IMarketPayments {
    /// @notice What an auction sells.
    enum AuctionKind {
        None, // no auction
        Sale, // the pet itself
        Siring, // one breeding with the pet as sire; the sire goes back to its seller
        Gen0 // a generation-0 pet the house minted; proceeds go to the house
    }

    /// @notice An auction as stored, two words. After a bid or a cancel only `auctionId`
    /// stays (kind None): the pet's next auction gets the next id, and word 1 never returns
    /// to zero, so relisting a pet rewrites it (2,900 gas) instead of recreating it (20,000).
    struct Auction {
        address seller; // the house itself for generation-0 auctions
        uint32 startedAt; // unix seconds
        uint32 duration; // seconds, MIN_DURATION..MAX_DURATION
        AuctionKind kind; // 8 bits
        uint24 auctionId; // this pet's auctions so far, this one included; word 1 ends here
        uint128 startPrice; // wei
        uint128 endPrice; // wei; word 2. Generation 0: the floor when the auction began
    }

    /* ------------------------------------------------------------ */
    /*                            EVENTS                            */
    /* ------------------------------------------------------------ */

    /// @notice `seller` put `petId` in escrow for an auction of `kind`, the pet's `auctionId`th
    /// here; a bid names `auctionId`.
    event AuctionCreated(
        uint256 indexed petId,
        address indexed seller,
        AuctionKind indexed kind,
        uint256 auctionId,
        uint256 startPrice,
        uint256 endPrice,
        uint256 duration
    );
    /// @notice `winner` bought `petId` from `seller` at `price` (sale or generation-0 auction).
    event AuctionWon(uint256 indexed petId, address indexed seller, address indexed winner, uint256 price);
    /// @notice `winner`'s `matronId` became pregnant by `sireId` for `price`; the sire went back to `seller`.
    event SiringAuctionWon(
        uint256 indexed sireId,
        uint256 indexed matronId,
        address indexed winner,
        address seller,
        uint256 price
    );
    /// @notice `seller` cancelled the auction of `petId` and got the pet back.
    event AuctionCancelled(uint256 indexed petId, address indexed seller);
    /// @notice The lowest starting price of generation-0 auctions changed.
    event Gen0FloorChanged(uint256 floor);

    /* ------------------------------------------------------------ */
    /*                        CUSTOM ERRORS                         */
    /* ------------------------------------------------------------ */

    /// @dev The duration is shorter than `min` seconds.
    error MarketDurationTooShort(uint256 duration, uint256 min);
    /// @dev The duration is longer than `max` seconds.
    error MarketDurationTooLong(uint256 duration, uint256 max);
    /// @dev `petId` is pregnant: in escrow its child would be born to the market.
    error MarketPetPregnant(uint256 petId);
    /// @dev `petId` is in no auction.
    error MarketNotOnAuction(uint256 petId);
    /// @dev `petId` is in an auction of `kind`, not of the kind the call needs.
    error MarketWrongAuctionKind(uint256 petId, AuctionKind kind);
    /// @dev `caller` is not the seller of the auction (`seller`).
    error MarketNotSeller(address caller, address seller);
    /// @dev `sent` wei is below the `price` due now.
    error MarketBidTooLow(uint256 sent, uint256 price);
    /// @dev The bid named auction `expectedAuctionId` of `petId`, but the pet's auction now is
    /// `auctionId` (the seller cancelled and relisted it).
    error MarketAuctionChanged(uint256 petId, uint256 expectedAuctionId, uint256 auctionId);

    /* ------------------------------------------------------------ */
    /*                          FUNCTIONS                           */
    /* ------------------------------------------------------------ */

    /// @notice Put the caller's `petId` up for sale; returns the auction's id, which bids name.
    function createSaleAuction(
        uint256 petId,
        uint256 startPrice,
        uint256 endPrice,
        uint256 duration
    ) external returns (uint256 auctionId);

    /// @notice Offer one breeding with the caller's `sireId`; returns the auction's id.
    function createSiringAuction(
        uint256 sireId,
        uint256 startPrice,
        uint256 endPrice,
        uint256 duration
    ) external returns (uint256 auctionId);

    /// @notice Mint a generation-0 pet with `genes` into escrow and auction it.
    function createGen0Auction(uint256 genes) external returns (uint256 petId);

    /// @notice Buy `petId` from its sale or generation-0 auction number `auctionId`.
    function bid(uint256 petId, uint256 auctionId) external payable;

    /// @notice Win the siring auction number `auctionId` of `sireId` for the caller's `matronId`.
    function bidOnSiringAuction(
        uint256 sireId,
        uint256 auctionId,
        uint256 matronId,
        bool prepayBirthFee
    ) external payable;

    /// @notice Take `petId` out of its auction and back to its seller.
    function cancelAuction(uint256 petId) external;

    /// @notice The auction of `petId` (kind None if there is none; `auctionId` is then the
    /// id of its last auction, 0 if it never had one).
    function getAuction(uint256 petId) external view returns (Auction memory);

    /// @notice What a bid on `petId` costs now.
    function currentPrice(uint256 petId) external view returns (uint256);

    /// @notice The starting price of the next generation-0 auction.
    function nextGen0Price() external view returns (uint256);
}
