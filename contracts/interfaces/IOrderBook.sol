// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IMarketPayments} from "./IMarketPayments.sol";

/// @title IOrderBook
/// @notice Signed (EIP-712) orders on pets, free to create: listings paid in ether and
/// offers paid in wrapped ether, from the buyer's funds for offers in this market
/// ({offerFundsOf}) when they cover the price, else from the buyer's wallet. An order names
/// the pet's nonce, so it dies the moment the pet moves, breeds or gives birth (which also
/// makes a filled order unfillable), and the seller's fees are capped by the seller's own
/// limit. See docs/market.md.
interface IOrderBook is IMarketPayments {
    /// @notice A listing, signed by its seller, paid in ether. The signed message also holds
    /// the seller's order counter, which this contract reads, so {cancelAllOrders} voids
    /// every earlier order of the seller.
    struct Listing {
        address seller;
        uint256 petId;
        uint256 price; // wei
        uint256 petNonce; // the pet's nonce when signed (IPetToken.petNonce)
        uint256 expiry; // unix seconds; the order is fillable up to and including this second
        uint16 maxFeeBps; // the most the seller pays (cut + royalty), in basis points of the price
    }

    /// @notice An offer, signed by its buyer, paid in WETH; fields as in {Listing}. It holds
    /// no fee limit: the fees come out of the seller's share, and the seller, who accepts,
    /// gives its own limit to {acceptOffer}.
    struct Offer {
        address buyer;
        uint256 petId;
        uint256 price; // WETH
        uint256 petNonce;
        uint256 expiry;
    }

    /* ------------------------------------------------------------ */
    /*                            EVENTS                            */
    /* ------------------------------------------------------------ */

    /// @notice `buyer` bought `petId` from `seller` at `price` wei through the listing `orderHash`.
    event ListingFilled(
        uint256 indexed petId,
        address indexed seller,
        address indexed buyer,
        uint256 price,
        bytes32 orderHash
    );
    /// @notice `seller` sold `petId` to `buyer` at `price` WETH by accepting the offer `orderHash`.
    event OfferAccepted(
        uint256 indexed petId,
        address indexed seller,
        address indexed buyer,
        uint256 price,
        bytes32 orderHash
    );
    /// @notice `signer` cancelled its order `orderHash`.
    event OrderCancelled(address indexed signer, bytes32 indexed orderHash);
    /// @notice `signer` cancelled all its orders; new ones name `counter`.
    event AllOrdersCancelled(address indexed signer, uint256 counter);
    /// @notice `account` put `amount` wei of ether into its WETH credit here, to pay its offers.
    event DepositedForOffers(address indexed account, uint256 amount);

    /* ------------------------------------------------------------ */
    /*                        CUSTOM ERRORS                         */
    /* ------------------------------------------------------------ */

    /// @dev The order expired at `expiry` (now: `timestamp`).
    error MarketOrderExpired(uint256 expiry, uint256 timestamp);
    /// @dev The signer cancelled the order `orderHash`.
    error MarketOrderCancelled(bytes32 orderHash);
    /// @dev The signature is `recovered`'s, not the order's signer's (or is for other terms,
    /// another chain, another market or an older counter).
    error MarketInvalidSigner(address recovered, address signer);
    /// @dev A listing is paid with exactly its price in ether: `sent` is not `price`.
    error MarketWrongPayment(uint256 sent, uint256 price);
    /// @dev The cut and royalty in force now (`fees`, wei) exceed what the seller agreed to
    /// pay (`maxFees`: the price times its maxFeeBps): the admin raised them since.
    error MarketFeesAboveLimit(uint256 fees, uint256 maxFees);
    /// @dev A deposit for offers carries no ether.
    error MarketNothingToDeposit();

    /* ------------------------------------------------------------ */
    /*                          FUNCTIONS                           */
    /* ------------------------------------------------------------ */

    /// @notice Buy the pet of a signed listing, paying its price in ether.
    function fillListing(Listing calldata listing, bytes calldata signature) external payable;

    /// @notice Sell the caller's pet to the signer of an offer, paid in WETH (from the buyer's
    /// {offerFundsOf} when they cover the price, else from the buyer's wallet), paying at most
    /// `maxFeeBps` basis points of the price in fees (cut + royalty).
    function acceptOffer(Offer calldata offer, bytes calldata signature, uint16 maxFeeBps) external;

    /// @notice Wrap the ether sent into the caller's WETH credit here, which from then on pays
    /// the caller's accepted offers before its wallet's WETH (its WETH proceeds of sales too);
    /// {withdraw} pays it out as WETH and stops it paying offers until the next deposit.
    function depositForOffers() external payable;

    /// @notice The WETH credit that pays `account`'s accepted offers now: its WETH credit here
    /// if it deposited for offers since its last withdrawal, else 0.
    function offerFundsOf(address account) external view returns (uint256);

    /// @notice Void one of the caller's orders, by its hash ({hashListing}, {hashOffer}).
    function cancelOrder(bytes32 orderHash) external;

    /// @notice Void every order the caller has signed so far.
    function cancelAllOrders() external;

    /// @notice The EIP-712 digest of a listing with the seller's current counter.
    function hashListing(Listing calldata listing) external view returns (bytes32);

    /// @notice The EIP-712 digest of an offer with the buyer's current counter.
    function hashOffer(Offer calldata offer) external view returns (bytes32);

    /// @notice The counter `signer`'s orders must name now.
    function orderCounter(address signer) external view returns (uint256);

    /// @notice True when `signer` cancelled `orderHash`.
    function isCancelled(address signer, bytes32 orderHash) external view returns (bool);
}
