// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IOrderBook} from "../interfaces/IOrderBook.sol";
import {IWrappedEther} from "../interfaces/IWrappedEther.sol";
import {MarketPayments} from "./MarketPayments.sol";

/// @title OrderBook
/// @notice Signed orders on pets: a seller signs a listing (paid in ether) and a buyer an
/// offer (paid in WETH: from the buyer's funds for offers here ({offerFundsOf}) when they
/// cover the price, else from the buyer's wallet, which the buyer approves to this contract
/// once), for free; anyone
/// holding the signature fills it, and the pet and the money move in one transaction or
/// not at all. Sellers approve this contract for their pets once (setApprovalForAll).
/// @dev Why an order dies:
/// - its pet changed: the order names the pet's nonce, which every transfer (a fill, an
///   auction's escrow, a plain transfer), every breeding (matron and sire) and every birth
///   (the matron) advances, so a buyer never gets a pet bred or delivered of a child since
///   signing, and no "filled" flag is stored; the fill moves the pet with PetToken's
///   `transferForSale`, which checks that nonce in the same call (PetStaleNonce otherwise);
/// - it expired (expiry is mandatory);
/// - its signer cancelled it ({cancelOrder}: one hash) or all of them ({cancelAllOrders}:
///   the signed message holds the signer's counter, which this contract supplies);
/// - it was signed for another chain or another market: the EIP-712 domain holds both.
/// What the seller pays in fees is bounded by the seller's own limit (a listing's signed
/// maxFeeBps, the acceptor's argument for an offer), so raising the cut or the royalty
/// never takes more from an order signed before (MarketFeesAboveLimit).
/// Offers paid from credit: a buyer's WETH credit (its {depositForOffers} and, once it has
/// deposited, its sales' proceeds in WETH, until it withdraws) is WETH this contract already
/// holds, so an acceptance it covers moves no WETH: it rewrites the buyer's account word,
/// which the signature check has already read, instead of calling WETH (a cold contract, the
/// allowance and two balances: about 13,000 gas). The rule is the credit or nothing (no split
/// between credit and wallet), so anyone replaying the events knows which paid.
/// Signatures are 65-byte ECDSA from externally owned accounts; OpenZeppelin's ECDSA
/// rejects other lengths, high-s (malleable) signatures and invalid v.
contract OrderBook is IOrderBook, MarketPayments, EIP712 {
    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice EIP-712 type of a listing.
    bytes32 public constant LISTING_TYPEHASH = keccak256(
        "Listing(address seller,uint256 petId,uint256 price,uint256 petNonce,uint256 expiry,uint16 maxFeeBps,uint256 counter)"
    );
    /// @notice EIP-712 type of an offer.
    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(address buyer,uint256 petId,uint256 price,uint256 petNonce,uint256 expiry,uint256 counter)"
    );

    /* ------------------------------------------------------------ */
    /*                           STORAGE                            */
    /* ------------------------------------------------------------ */

    /// @dev Cancellations live under their signer, so no one can cancel someone else's order.
    mapping(address signer => mapping(bytes32 orderHash => bool)) private _cancelled;

    /* ------------------------------------------------------------ */
    /*                         CONSTRUCTOR                          */
    /* ------------------------------------------------------------ */

    /// @notice Deploys the order book for `petToken`, its offers paid in `weth`; it declares
    /// itself pull-only.
    /// @param petToken The pets traded here.
    /// @param weth The wrapped ether that offers are paid in.
    /// @param admin Holds DEFAULT_ADMIN_ROLE: cut, pause, house withdrawals.
    /// @param trustedForwarder The ERC-2771 forwarder of gasless play (zero: none).
    /// @param initialCutBps The market cut, at most MAX_CUT_BPS.
    constructor(
        address petToken,
        address weth,
        address admin,
        address trustedForwarder,
        uint256 initialCutBps
    ) MarketPayments(petToken, weth, admin, trustedForwarder, initialCutBps) EIP712("Pawchain OrderBook", "1") {
        if (weth == address(0)) revert MarketZeroAddress();
    }

    /* ------------------------------------------------------------ */
    /*                            FILLS                             */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IOrderBook
    /// @dev The caller buys. Requirements: not paused; the listing is unexpired, is not
    /// cancelled and is signed by its seller under the seller's current counter; the value
    /// sent is exactly the price; the seller still owns the pet, which has the listing's pet
    /// nonce (not moved, bred or delivered since), and has approved this contract (PetToken's
    /// errors otherwise: PetStaleNonce first); cut + royalty are at most the listing's
    /// maxFeeBps of the price (MarketFeesAboveLimit). The seller is credited the price less
    /// cut and royalty. Emits {ListingFilled}.
    function fillListing(
        Listing calldata listing,
        bytes calldata signature
    ) external payable nonReentrant whenNotPaused {
        address seller = listing.seller;
        uint256 price = listing.price;
        bytes32 orderHash = _hashListing(listing);
        _checkSigned(seller, listing.expiry, orderHash, signature);
        if (msg.value != price) revert MarketWrongPayment(msg.value, price);
        address buyer = _msgSender();
        // PetToken runs no receiver code; it checks the signed nonce (the move kills the
        // listing) and answers the royalty in the same call.
        (address receiver, uint256 royalty) = pets.transferForSale(
            seller,
            buyer,
            listing.petId,
            listing.petNonce,
            price
        );
        _requireFeesWithin(_creditSale(seller, price, receiver, royalty, false), price, listing.maxFeeBps);
        emit ListingFilled(listing.petId, seller, buyer, price, orderHash);
    }

    /// @inheritdoc IOrderBook
    /// @dev The caller sells. Requirements: not paused; the offer is valid as in
    /// {fillListing} (its pet nonce included); the price is at most 2^128 - 1 wei
    /// (MarketPriceTooHigh); the caller owns the pet and has approved this
    /// contract (PetToken's ERC721IncorrectOwner / ERC721InsufficientApproval otherwise);
    /// cut + royalty are at most `maxFeeBps` of the price, the caller's own limit
    /// (MarketFeesAboveLimit: a fee raised while the acceptance was pending); the buyer holds
    /// and has approved the price in WETH (the WETH's ERC-20 errors otherwise), unless its
    /// funds for offers ({offerFundsOf}) cover the price, which then pay it all. The WETH
    /// comes to (or stays in) this contract; the caller is credited it less cut and royalty.
    /// Emits {OfferAccepted}.
    function acceptOffer(
        Offer calldata offer,
        bytes calldata signature,
        uint16 maxFeeBps
    ) external nonReentrant whenNotPaused {
        address buyer = offer.buyer;
        uint256 price = offer.price;
        bytes32 orderHash = _hashOffer(offer);
        _checkSigned(buyer, offer.expiry, orderHash, signature);
        // No wallet holds 2^128 wei (nor does all the ether there is); above it, price x bps
        // would overflow (a panic) in the fees.
        if (price > type(uint128).max) revert MarketPriceTooHigh(price, type(uint128).max);
        address seller = _msgSender();
        // The credit is spent before any call (it cannot fail: it pays or it does not).
        bool paidFromCredit = _spendTokenCredit(buyer, price);
        // PetToken and our WETH: neither runs anyone else's code. The pet before WETH, so a
        // stale offer fails with PetStaleNonce whatever the buyer's WETH.
        (address receiver, uint256 royalty) = pets.transferForSale(seller, buyer, offer.petId, offer.petNonce, price);
        _requireFeesWithin(_creditSale(seller, price, receiver, royalty, true), price, maxFeeBps);
        emit OfferAccepted(offer.petId, seller, buyer, price, orderHash);
        if (paidFromCredit) return;
        // slither-disable-next-line arbitrary-send-erc20 -- `buyer` signed this offer (checked above)
        bool paid = _token.transferFrom(buyer, address(this), price);
        if (!paid) revert MarketPaymentFailed(address(this), price);
    }

    /* ------------------------------------------------------------ */
    /*                     CREDIT FOR OFFERS                        */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IOrderBook
    /// @dev Wraps `msg.value` in WETH held here (WETH's own deposit, which runs no one
    /// else's code) and adds it to the caller's WETH credit. Works while paused, like
    /// withdrawals. Requirements: some ether sent. Emits {DepositedForOffers}.
    function depositForOffers() external payable nonReentrant {
        if (msg.value == 0) revert MarketNothingToDeposit();
        address account = _msgSender();
        _credit(account, msg.value, true, _OPENED | _PAYS_OFFERS);
        emit DepositedForOffers(account, msg.value);
        IWrappedEther(address(_token)).deposit{value: msg.value}();
    }

    /* ------------------------------------------------------------ */
    /*                        CANCELLATION                          */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IOrderBook
    /// @dev Only the caller's own orders can be affected: the mark is kept under the caller.
    /// The caller's first cancel by hash also marks its account word (_CANCELLED_ONE), so
    /// that fills read cancelled flags only for signers who have some. Emits {OrderCancelled}.
    function cancelOrder(bytes32 orderHash) external {
        address signer = _msgSender();
        _cancelled[signer][orderHash] = true;
        // Marks the signer's account word, which every fill reads anyway (the counter), so
        // fills of signers who never cancelled one order skip the cold read of `_cancelled`.
        Account memory acct = _accounts[signer];
        if (acct.marks & _CANCELLED_ONE == 0) {
            acct.marks |= _OPENED | _CANCELLED_ONE;
            _accounts[signer] = acct;
        }
        emit OrderCancelled(signer, orderHash);
    }

    /// @inheritdoc IOrderBook
    /// @dev Advances the caller's counter; orders signed under an older one no longer verify.
    /// Emits {AllOrdersCancelled}.
    function cancelAllOrders() external {
        address signer = _msgSender();
        Account memory acct = _accounts[signer];
        acct.orderCounter += 1; // checked: 2^56 cancellations cannot happen
        acct.marks |= _OPENED;
        _accounts[signer] = acct;
        emit AllOrdersCancelled(signer, acct.orderCounter);
    }

    /* ------------------------------------------------------------ */
    /*                            VIEWS                             */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IOrderBook
    function hashListing(Listing calldata listing) external view returns (bytes32) {
        return _hashListing(listing);
    }

    /// @inheritdoc IOrderBook
    function hashOffer(Offer calldata offer) external view returns (bytes32) {
        return _hashOffer(offer);
    }

    /// @inheritdoc IOrderBook
    function orderCounter(address signer) external view returns (uint256) {
        return _accounts[signer].orderCounter;
    }

    /// @inheritdoc IOrderBook
    function isCancelled(address signer, bytes32 orderHash) external view returns (bool) {
        return _cancelled[signer][orderHash];
    }

    /// @inheritdoc IOrderBook
    function offerFundsOf(address account) external view returns (uint256) {
        return _offerFundsOf(account);
    }

    /// @notice The wrapped ether offers are paid in.
    function weth() external view returns (IERC20) {
        return _token;
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev Reverts unless the order `orderHash` (its EIP-712 digest) is unexpired,
    /// uncancelled and signed by `signer`, whose current counter the digest holds. Its pet
    /// nonce is checked when the pet moves (transferForSale).
    function _checkSigned(address signer, uint256 expiry, bytes32 orderHash, bytes calldata signature) private view {
        if (block.timestamp > expiry) revert MarketOrderExpired(expiry, block.timestamp);
        // The account word is warm (the digest read its counter); `_cancelled` is read only
        // for a signer who has cancelled an order by its hash ({cancelOrder} sets the mark).
        if (_accounts[signer].marks & _CANCELLED_ONE != 0 && _cancelled[signer][orderHash]) {
            revert MarketOrderCancelled(orderHash);
        }
        address recovered = ECDSA.recover(orderHash, signature);
        if (recovered != signer) revert MarketInvalidSigner(recovered, signer);
    }

    /// @dev Takes `price` from `buyer`'s WETH credit if the buyer deposited for offers since
    /// its last withdrawal and the credit covers it all; false (and nothing taken) otherwise.
    /// The account word is warm: the offer's digest read its counter.
    function _spendTokenCredit(address buyer, uint256 price) private returns (bool) {
        uint256 credit = _offerFundsOf(buyer);
        if (credit < price) return false;
        unchecked {
            _accounts[buyer].tokenCredit = uint96(credit - price); // price <= credit < 2^96
        }
        return true;
    }

    /// @dev `account`'s WETH credit if it deposited for offers since its last withdrawal, else 0.
    function _offerFundsOf(address account) private view returns (uint256) {
        Account memory acct = _accounts[account];
        return acct.marks & _PAYS_OFFERS == 0 ? 0 : acct.tokenCredit;
    }

    /// @dev Reverts unless `fees` (cut + royalty, wei) are at most `maxFeeBps` of `price`.
    /// Rounded down like the fees themselves, so a limit equal to cut + royalty rates passes.
    function _requireFeesWithin(uint256 fees, uint256 price, uint256 maxFeeBps) private pure {
        uint256 maxFees = (price * maxFeeBps) / _BPS;
        if (fees > maxFees) revert MarketFeesAboveLimit(fees, maxFees);
    }

    /// @dev The EIP-712 digest of `listing` under its seller's current counter.
    function _hashListing(Listing calldata listing) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    // The struct's fields are the type's, in its order: encoded as one static block.
                    abi.encode(LISTING_TYPEHASH, listing, _accounts[listing.seller].orderCounter)
                )
            );
    }

    /// @dev The EIP-712 digest of `offer` under its buyer's current counter.
    function _hashOffer(Offer calldata offer) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(OFFER_TYPEHASH, offer, _accounts[offer.buyer].orderCounter)));
    }
}
