// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IOrderBook} from "../interfaces/IOrderBook.sol";
import {MarketPayments} from "./MarketPayments.sol";

/// @title OrderBook
/// @notice Signed orders on pets: a seller signs a listing (paid in ether) and a buyer an
/// offer (paid in WETH, which the buyer approves to this contract once), for free; anyone
/// holding the signature fills it, and the pet and the money move in one transaction or
/// not at all. Sellers approve this contract for their pets once (setApprovalForAll).
/// @dev Why an order dies:
/// - its pet moved: the order names the pet's transfer nonce, which every transfer
///   advances (a fill, an auction's escrow, a plain transfer), so no "filled" flag is stored;
///   the fill moves the pet with PetToken's `transferForSale`, which checks that nonce
///   in the same call (PetStaleTransferNonce otherwise);
/// - it expired (expiry is mandatory);
/// - its signer cancelled it ({cancelOrder}: one hash) or all of them ({cancelAllOrders}:
///   the signed message holds the signer's counter, which this contract supplies);
/// - it was signed for another chain or another market: the EIP-712 domain holds both.
/// Signatures are 65-byte ECDSA from externally owned accounts; OpenZeppelin's ECDSA
/// rejects other lengths, high-s (malleable) signatures and invalid v.
contract OrderBook is IOrderBook, MarketPayments, EIP712 {
    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice EIP-712 type of a listing.
    bytes32 public constant LISTING_TYPEHASH = keccak256(
        "Listing(address seller,uint256 petId,uint256 price,uint256 petNonce,uint256 expiry,uint256 counter)"
    );
    /// @notice EIP-712 type of an offer.
    bytes32 public constant OFFER_TYPEHASH =
        keccak256("Offer(address buyer,uint256 petId,uint256 price,uint256 petNonce,uint256 expiry,uint256 counter)");

    /* ------------------------------------------------------------ */
    /*                           STORAGE                            */
    /* ------------------------------------------------------------ */

    /// @dev Cancellations live under their signer, so no one can cancel someone else's order.
    mapping(address signer => mapping(bytes32 orderHash => bool)) private _cancelled;

    /* ------------------------------------------------------------ */
    /*                         CONSTRUCTOR                          */
    /* ------------------------------------------------------------ */

    /// @param petToken The pets traded here.
    /// @param weth The wrapped ether that offers are paid in.
    /// @param admin Holds DEFAULT_ADMIN_ROLE: cut, pause, house withdrawals.
    /// @param trustedForwarder The ERC-2771 forwarder of gasless play (zero: none).
    /// @param initialCutBps The market cut, at most MAX_CUT_BPS.
    constructor(address petToken, address weth, address admin, address trustedForwarder, uint256 initialCutBps)
        MarketPayments(petToken, weth, admin, trustedForwarder, initialCutBps)
        EIP712("Pawchain OrderBook", "1")
    {
        if (weth == address(0)) revert MarketZeroAddress();
    }

    /* ------------------------------------------------------------ */
    /*                            FILLS                             */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IOrderBook
    /// @dev The caller buys. Requirements: not paused; the listing is unexpired, is not
    /// cancelled and is signed by its seller under the
    /// seller's current counter; the value sent is exactly the price; the seller still owns
    /// the pet, which has the listing's transfer nonce, and has approved this contract
    /// (PetToken's errors otherwise: PetStaleTransferNonce first). The seller is
    /// credited the price less cut and royalty. Emits {ListingFilled}.
    function fillListing(Order calldata listing, bytes calldata signature)
        external
        payable
        nonReentrant
        whenNotPaused
    {
        bytes32 orderHash = _checkOrder(LISTING_TYPEHASH, listing, signature);
        if (msg.value != listing.price) revert MarketWrongPayment(msg.value, listing.price);
        address buyer = _msgSender();
        // PetToken runs no receiver code; it checks the signed nonce (the move kills the
        // listing) and answers the royalty in the same call.
        (address receiver, uint256 royalty) =
            pets.transferForSale(listing.signer, buyer, listing.petId, listing.petNonce, listing.price);
        _creditSale(listing.signer, listing.price, receiver, royalty, false);
        emit ListingFilled(listing.petId, listing.signer, buyer, listing.price, orderHash);
    }

    /// @inheritdoc IOrderBook
    /// @dev The caller sells. Requirements: not paused; the offer is valid as in
    /// {fillListing}; the caller owns the pet and has approved this contract (PetToken's
    /// ERC721IncorrectOwner / ERC721InsufficientApproval otherwise); the buyer holds and
    /// has approved the price in WETH (the WETH's ERC-20 errors otherwise). The WETH comes
    /// to this contract; the caller is credited it less cut and royalty. Emits {OfferAccepted}.
    function acceptOffer(Order calldata offer, bytes calldata signature) external nonReentrant whenNotPaused {
        bytes32 orderHash = _checkOrder(OFFER_TYPEHASH, offer, signature);
        address seller = _msgSender();
        // PetToken and our WETH: neither runs anyone else's code. The pet first, so a stale
        // offer fails with PetStaleTransferNonce whatever the buyer's WETH.
        (address receiver, uint256 royalty) =
            pets.transferForSale(seller, offer.signer, offer.petId, offer.petNonce, offer.price);
        _creditSale(seller, offer.price, receiver, royalty, true);
        emit OfferAccepted(offer.petId, seller, offer.signer, offer.price, orderHash);
        // slither-disable-next-line arbitrary-send-erc20 -- `offer.signer` signed this offer (checked above)
        bool paid = _token.transferFrom(offer.signer, address(this), offer.price);
        if (!paid) revert MarketPaymentFailed(address(this), offer.price);
    }

    /* ------------------------------------------------------------ */
    /*                        CANCELLATION                          */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IOrderBook
    /// @dev Only the caller's own orders can be affected: the mark is kept under the caller.
    /// Emits {OrderCancelled}.
    function cancelOrder(bytes32 orderHash) external {
        address signer = _msgSender();
        _cancelled[signer][orderHash] = true;
        emit OrderCancelled(signer, orderHash);
    }

    /// @inheritdoc IOrderBook
    /// @dev Advances the caller's counter; orders signed under an older one no longer verify.
    /// Emits {AllOrdersCancelled}.
    function cancelAllOrders() external {
        address signer = _msgSender();
        Account memory acct = _accounts[signer];
        acct.orderCounter += 1; // checked: 2^56 cancellations cannot happen
        acct.opened = true;
        _accounts[signer] = acct;
        emit AllOrdersCancelled(signer, acct.orderCounter);
    }

    /* ------------------------------------------------------------ */
    /*                            VIEWS                             */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IOrderBook
    function hashListing(Order calldata listing) external view returns (bytes32) {
        return _hashOrder(LISTING_TYPEHASH, listing);
    }

    /// @inheritdoc IOrderBook
    function hashOffer(Order calldata offer) external view returns (bytes32) {
        return _hashOrder(OFFER_TYPEHASH, offer);
    }

    /// @inheritdoc IOrderBook
    function orderCounter(address signer) external view returns (uint256) {
        return _accounts[signer].orderCounter;
    }

    /// @inheritdoc IOrderBook
    function isCancelled(address signer, bytes32 orderHash) external view returns (bool) {
        return _cancelled[signer][orderHash];
    }

    /// @notice The wrapped ether offers are paid in.
    function weth() external view returns (IERC20) {
        return _token;
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev Reverts unless `order` is unexpired, uncancelled and signed by its signer under
    /// the signer's current counter; returns its hash (its EIP-712 digest). Its pet nonce is
    /// checked when the pet moves.
    function _checkOrder(bytes32 typehash, Order calldata order, bytes calldata signature)
        private
        view
        returns (bytes32 orderHash)
    {
        if (block.timestamp > order.expiry) revert MarketOrderExpired(order.expiry, block.timestamp);
        // The pet's transfer nonce is checked by the transfer itself (transferForSale).
        orderHash = _hashOrder(typehash, order);
        if (_cancelled[order.signer][orderHash]) revert MarketOrderCancelled(orderHash);
        address recovered = ECDSA.recover(orderHash, signature);
        if (recovered != order.signer) revert MarketInvalidSigner(recovered, order.signer);
    }

    /// @dev The EIP-712 digest of `order` of type `typehash` under its signer's current counter.
    function _hashOrder(bytes32 typehash, Order calldata order) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    typehash,
                    order.signer,
                    order.petId,
                    order.price,
                    order.petNonce,
                    order.expiry,
                    _accounts[order.signer].orderCounter
                )
            )
        );
    }
}
