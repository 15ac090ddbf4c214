// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IMarketPayments} from "./IMarketPayments.sol";

/// @title IOrderBook
/// @notice Signed (EIP-712) orders on pets, free to create: listings paid in ether and
/// offers paid in wrapped ether. An order names the pet's transfer nonce, so it dies the
/// moment the pet moves (which also makes a filled order unfillable). See docs/market.md.
interface IOrderBook is IMarketPayments {
    /// @notice A listing (signer: the seller) or an offer (signer: the buyer). The signed
    /// message also holds the signer's order counter, which this contract reads, so
    /// {cancelAllOrders} voids every earlier order of the signer.
    struct Order {
        address signer;
        uint256 petId;
        uint256 price; // wei (listing) or WETH (offer)
        uint256 petNonce; // the pet's transfer nonce when signed (IPetToken.transferNonce)
        uint256 expiry; // unix seconds; the order is fillable up to and including this second
    }

    /* ------------------------------------------------------------ */
    /*                            EVENTS                            */
    /* ------------------------------------------------------------ */

    /// @dev `buyer` bought `petId` from `seller` at `price` wei through the listing `orderHash`.
    event ListingFilled(
        uint256 indexed petId, address indexed seller, address indexed buyer, uint256 price, bytes32 orderHash
    );
    /// @dev `seller` sold `petId` to `buyer` at `price` WETH by accepting the offer `orderHash`.
    event OfferAccepted(
        uint256 indexed petId, address indexed seller, address indexed buyer, uint256 price, bytes32 orderHash
    );
    /// @dev `signer` cancelled its order `orderHash`.
    event OrderCancelled(address indexed signer, bytes32 indexed orderHash);
    /// @dev `signer` cancelled all its orders; new ones name `counter`.
    event AllOrdersCancelled(address indexed signer, uint256 counter);

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

    /* ------------------------------------------------------------ */
    /*                          FUNCTIONS                           */
    /* ------------------------------------------------------------ */

    /// @notice Buy the pet of a signed listing, paying its price in ether.
    function fillListing(Order calldata listing, bytes calldata signature) external payable;

    /// @notice Sell the caller's pet to the signer of an offer, paid in WETH.
    function acceptOffer(Order calldata offer, bytes calldata signature) external;

    /// @notice Void one of the caller's orders, by its hash ({hashListing}, {hashOffer}).
    function cancelOrder(bytes32 orderHash) external;

    /// @notice Void every order the caller has signed so far.
    function cancelAllOrders() external;

    /// @notice The EIP-712 digest of a listing with the signer's current counter.
    function hashListing(Order calldata listing) external view returns (bytes32);

    /// @notice The EIP-712 digest of an offer with the signer's current counter.
    function hashOffer(Order calldata offer) external view returns (bytes32);

    /// @notice The counter `signer`'s orders must name now.
    function orderCounter(address signer) external view returns (uint256);

    /// @notice True when `signer` cancelled `orderHash`.
    function isCancelled(address signer, bytes32 orderHash) external view returns (bool);
}
