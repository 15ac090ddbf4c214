// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IMarketPayments} from "../interfaces/IMarketPayments.sol";
import {IPetEscrowHooks} from "../interfaces/IPetEscrowHooks.sol";
import {IPetToken} from "../interfaces/IPetToken.sol";

/// @title MarketPayments
/// @notice Money handling shared by Pawchain's markets: the market cut (basis points, capped),
/// the pets' ERC-2981 royalty, credits that their owners withdraw (nothing is ever pushed
/// into a seller's or bidder's code), a reentrancy guard and a pause.
/// @dev Invariant for every market: its ether balance equals the sum of the ether credits
/// plus the house's ether; its WETH balance likewise with the WETH credits. Clock auctions
/// settle at the bid, so no bid is ever held in escrow.
///
/// Three words do the work, arranged so a sale touches as few cold slots as it can:
///   _hot (one word, read and written by every value-moving call anyway):
///     [0..7] lock (1 free, 2 entered; never 0, so locking costs 2,900 not 20,000)
///     [8..15] paused [16..31] cutBps [32..143] houseEther [144..255] royaltyEther
///   so the house's cut and the royalty of a sale in ether are accrued in a slot the guard
///   has already paid for (no write to the royalty receiver's account word).
///   _tokenFees (one word, touched by WETH sales and fee withdrawals only):
///     [0..127] houseToken [128..255] royaltyToken
///   Royalties are owed to the pets' royalty receiver as a whole, not to an account: they
///   are paid by {withdrawRoyalties} to whoever is the receiver when it is called, so
///   royalties accrued before a change of the pets' treasury go to the new treasury.
///   _accounts[account] (one word per account): etherCredit 96 bits, tokenCredit 96 bits,
///     order counter 56 bits (used by the order book), `marks` 8 bits: _OPENED and
///     _CANCELLED_ONE. _OPENED is set by the first credit and never cleared, so the word
///     never returns to zero: a withdrawal does not make the next sale pay 20,000 gas to
///     recreate it, and nothing (not even one wei) has to be left behind to keep it alive.
///     _CANCELLED_ONE (the order book's) says the account has cancelled an order by its
///     hash, so fills read the cancelled flags of that account's orders only.
///     _PAYS_OFFERS (the order book's) says the account deposited for offers since its last
///     withdrawal, so its WETH credit pays its offers: proceeds alone never do, so an old
///     offer a player stopped funding is not paid by a sale's proceeds it did not choose to
///     spend. {withdraw} clears it.
/// Administration: AccessControlDefaultAdminRules, as on the pets: one default admin, handed
/// over in two steps (begin, then accept after ADMIN_TRANSFER_DELAY).
/// Stray pets: the constructor declares the market pull-only on the pets, so a pet can enter
/// it only in a transfer the market makes itself (an auction's escrow); a player's
/// transferFrom or safeTransferFrom to it reverts (PetToken's PetPullOnlyReceiver).
/// Amounts fit: 2^96 wei is about 79 billion ether and 2^112 far more; no credit or house
/// total can exceed the ether in existence.
abstract contract MarketPayments is IMarketPayments, AccessControlDefaultAdminRules, ERC2771Context {
    using SafeCast for uint256;

    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice The highest market cut the admin may set, in basis points (10%).
    uint256 public constant MAX_CUT_BPS = 1_000;
    /// @notice How long a handover of the default admin role waits between its start and its
    /// acceptance, unless the admin changes it (changeDefaultAdminDelay, itself delayed).
    uint48 public constant ADMIN_TRANSFER_DELAY = 2 days;
    uint256 internal constant _BPS = 10_000;
    uint8 private constant _UNLOCKED = 1;
    uint8 private constant _LOCKED = 2;
    /// @dev Marks of an account word (see the layout above).
    uint8 internal constant _OPENED = 1;
    uint8 internal constant _CANCELLED_ONE = 2;
    uint8 internal constant _PAYS_OFFERS = 4;

    /* ------------------------------------------------------------ */
    /*                           STORAGE                            */
    /* ------------------------------------------------------------ */

    /// @dev See the layout above. 8 + 8 + 16 + 112 + 112 = 256 bits: one word.
    struct Hot {
        uint8 lock;
        bool paused;
        uint16 cutBps;
        uint112 houseEther;
        uint112 royaltyEther;
    }

    /// @dev See the layout above. 128 + 128 = 256 bits: one word.
    struct TokenFees {
        uint128 house;
        uint128 royalty;
    }

    /// @dev See the layout above. 96 + 96 + 56 + 8 = 256 bits: one word.
    struct Account {
        uint96 etherCredit;
        uint96 tokenCredit;
        uint56 orderCounter;
        uint8 marks; // _OPENED, _CANCELLED_ONE, _PAYS_OFFERS
    }

    /// @notice The pets this market trades.
    IPetToken public immutable pets;
    /// @dev The ERC-20 (WETH) that offers are paid in; zero for a market that takes only ether.
    IERC20 internal immutable _token;

    Hot private _hot;
    mapping(address account => Account) internal _accounts;
    TokenFees private _tokenFees;

    /* ------------------------------------------------------------ */
    /*                         CONSTRUCTOR                          */
    /* ------------------------------------------------------------ */

    /// @notice Sets up a market: the pets, the offer token, the admin, the forwarder, the cut; declares it pull-only.
    /// @dev Emits {CutChanged} with the initial cut, as {setCutBps} does for each later one.
    /// @param petToken The pet contract (its ERC-2981 royalty is paid on sales).
    /// @param token The ERC-20 offers are paid in, or zero.
    /// @param admin Holds DEFAULT_ADMIN_ROLE: cut, pause, house withdrawals, roles.
    /// @param trustedForwarder The ERC-2771 forwarder of gasless play (zero: none).
    /// @param initialCutBps The market cut, at most MAX_CUT_BPS.
    constructor(
        address petToken,
        address token,
        address admin,
        address trustedForwarder,
        uint256 initialCutBps
    ) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, _nonZero(admin)) ERC2771Context(trustedForwarder) {
        if (petToken == address(0)) revert MarketZeroAddress();
        if (initialCutBps > MAX_CUT_BPS) revert MarketCutTooHigh(initialCutBps, MAX_CUT_BPS);
        pets = IPetToken(petToken);
        _token = IERC20(token);
        _hot = Hot({lock: _UNLOCKED, paused: false, cutBps: uint16(initialCutBps), houseEther: 0, royaltyEther: 0});
        // Announced like every later cut, so an indexer knows the cut from the events alone
        // (the order book's API judges a listing's fee limit by it).
        emit CutChanged(initialCutBps);
        IPetEscrowHooks(petToken).declarePullOnly();
    }

    /* ------------------------------------------------------------ */
    /*                          MODIFIERS                           */
    /* ------------------------------------------------------------ */

    /// @dev Refuses a call that comes back into this market while it is moving value.
    modifier nonReentrant() {
        if (_hot.lock == _LOCKED) revert MarketReentrantCall();
        _hot.lock = _LOCKED;
        _;
        _hot.lock = _UNLOCKED;
    }

    /// @dev Refuses new auctions, bids and fills while paused.
    modifier whenNotPaused() {
        if (_hot.paused) revert MarketIsPaused();
        _;
    }

    /* ------------------------------------------------------------ */
    /*                        WITHDRAWALS                           */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IMarketPayments
    /// @dev Pays both currencies at once; `to` lets a contract that cannot take ether send
    /// it elsewhere. Works while paused. Ether goes with all the gas left (no 2,300 stipend).
    /// Requirements: the caller has a credit; `to` is not zero and accepts the ether.
    /// Emits {Withdrawn}.
    function withdraw(address to) external nonReentrant {
        if (to == address(0)) revert MarketZeroAddress();
        address account = _msgSender();
        Account memory acct = _accounts[account];
        uint256 etherAmount = acct.etherCredit;
        uint256 tokenAmount = acct.tokenCredit;
        if (etherAmount == 0 && tokenAmount == 0) revert MarketNothingToWithdraw(account);
        acct.etherCredit = 0;
        acct.tokenCredit = 0;
        acct.marks &= ~_PAYS_OFFERS; // the next credit pays offers only after a new deposit
        _accounts[account] = acct; // _OPENED stays set: the word never returns to zero
        emit Withdrawn(account, to, etherAmount, tokenAmount);
        _pay(to, etherAmount, tokenAmount);
    }

    /// @notice Pay the house's cuts and generation-0 proceeds to `to`.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; `to` not zero and accepts ether. Works while
    /// paused. Emits {HouseWithdrawn}.
    function withdrawHouse(address to) external nonReentrant onlyRole(DEFAULT_ADMIN_ROLE) {
        if (to == address(0)) revert MarketZeroAddress();
        uint256 etherAmount = _hot.houseEther;
        uint256 tokenAmount = _tokenFees.house;
        _hot.houseEther = 0;
        if (tokenAmount != 0) _tokenFees.house = 0;
        emit HouseWithdrawn(to, etherAmount, tokenAmount);
        _pay(to, etherAmount, tokenAmount);
    }

    /// @inheritdoc IMarketPayments
    /// @dev The royalties accrued on every sale here belong to the pets' royalty receiver
    /// (ERC-2981 `royaltyInfo`; Pawchain's is collection-wide: its treasury) as it is when
    /// this is called, so after a change of treasury the new treasury collects royalties
    /// accrued under the old one. Works while paused. Requirements: the caller is the
    /// current royalty receiver; `to` is not zero and accepts ether; something is accrued.
    /// Emits {RoyaltiesWithdrawn}.
    function withdrawRoyalties(address to) external nonReentrant {
        if (to == address(0)) revert MarketZeroAddress();
        address caller = _msgSender();
        address receiver = _royaltyReceiver();
        if (caller != receiver) revert MarketNotRoyaltyReceiver(caller, receiver);
        uint256 etherAmount = _hot.royaltyEther;
        uint256 tokenAmount = _tokenFees.royalty;
        if (etherAmount == 0 && tokenAmount == 0) revert MarketNothingToWithdraw(caller);
        _hot.royaltyEther = 0;
        if (tokenAmount != 0) _tokenFees.royalty = 0;
        emit RoyaltiesWithdrawn(receiver, to, etherAmount, tokenAmount);
        _pay(to, etherAmount, tokenAmount);
    }

    /* ------------------------------------------------------------ */
    /*                           ADMIN                              */
    /* ------------------------------------------------------------ */

    /// @notice Set the market cut to `newCutBps` basis points of each price.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; at most MAX_CUT_BPS. Emits {CutChanged}.
    function setCutBps(uint256 newCutBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newCutBps > MAX_CUT_BPS) revert MarketCutTooHigh(newCutBps, MAX_CUT_BPS);
        _hot.cutBps = uint16(newCutBps);
        emit CutChanged(newCutBps);
    }

    /// @notice Stop new auctions, bids and fills. Cancels and withdrawals go on, so a
    /// pause never traps a seller's pet or anyone's money.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE. Emits {MarketPaused}.
    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _hot.paused = true;
        emit MarketPaused(_msgSender());
    }

    /// @notice Resume new auctions, bids and fills.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE. Emits {MarketUnpaused}.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _hot.paused = false;
        emit MarketUnpaused(_msgSender());
    }

    /* ------------------------------------------------------------ */
    /*                            VIEWS                             */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IMarketPayments
    function creditOf(address account) external view returns (uint256 etherCredit, uint256 tokenCredit) {
        Account memory acct = _accounts[account];
        return (acct.etherCredit, acct.tokenCredit);
    }

    /// @inheritdoc IMarketPayments
    function houseBalance() external view returns (uint256 etherAmount, uint256 tokenAmount) {
        return (_hot.houseEther, _tokenFees.house);
    }

    /// @inheritdoc IMarketPayments
    function royaltyBalance() external view returns (uint256 etherAmount, uint256 tokenAmount) {
        return (_hot.royaltyEther, _tokenFees.royalty);
    }

    /// @inheritdoc IMarketPayments
    function royaltyReceiver() external view returns (address) {
        return _royaltyReceiver();
    }

    /// @inheritdoc IMarketPayments
    function cutBps() external view returns (uint256) {
        return _hot.cutBps;
    }

    /// @inheritdoc IMarketPayments
    function paused() external view returns (bool) {
        return _hot.paused;
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev `admin`, after checking it is not the zero address (for the admin rules' constructor).
    function _nonZero(address admin) private pure returns (address) {
        if (admin == address(0)) revert MarketZeroAddress();
        return admin;
    }

    /// @dev Splits a sale of `petId` at `price`: the cut to the house, the ERC-2981 royalty
    /// accrued for the royalty receiver ({withdrawRoyalties}), the rest credited to `seller`,
    /// all in ether or (`inToken`) WETH. Ether fees go to the hot word in one write.
    /// Rounding: the cut and the royalty are rounded down, so the seller gets any odd wei.
    function _creditSale(address seller, uint256 petId, uint256 price, bool inToken) internal {
        (address receiver, uint256 royalty) = IERC2981(address(pets)).royaltyInfo(petId, price);
        _creditSale(seller, price, receiver, royalty, inToken);
    }

    /// @dev As above, with the royalty already known (`receiver`, `royalty`: ERC-2981's answer);
    /// returns the fees taken from the seller (cut + royalty).
    function _creditSale(
        address seller,
        uint256 price,
        address receiver,
        uint256 royalty,
        bool inToken
    ) internal returns (uint256 sellerFees) {
        Hot memory hot = _hot;
        uint256 cut = (price * hot.cutBps) / _BPS;
        if (receiver == address(0)) royalty = 0;
        sellerFees = cut + royalty;
        if (sellerFees > price) revert MarketFeesExceedPrice(price, sellerFees);
        if (inToken) {
            TokenFees memory fees = _tokenFees;
            fees.house = (fees.house + cut).toUint128();
            fees.royalty = (fees.royalty + royalty).toUint128();
            _tokenFees = fees;
        } else {
            hot.houseEther = (hot.houseEther + cut).toUint112();
            hot.royaltyEther = (hot.royaltyEther + royalty).toUint112();
            _hot = hot;
        }
        unchecked {
            _credit(seller, price - cut - royalty, inToken); // cut + royalty <= price: checked above
        }
    }

    /// @dev Splits a siring fee: the cut to the house, the rest to `seller`. A siring is not
    /// a sale of the pet, so no ERC-2981 royalty is due.
    function _creditSiring(address seller, uint256 price) internal {
        uint256 cut = (price * _hot.cutBps) / _BPS;
        _creditHouse(cut, false);
        _credit(seller, price - cut, false);
    }

    /// @dev Adds `amount` to `account`'s credit in ether or (`inToken`) WETH.
    function _credit(address account, uint256 amount, bool inToken) internal {
        _credit(account, amount, inToken, _OPENED);
    }

    /// @dev As above, also setting `marks` (which include _OPENED) in the account word.
    function _credit(address account, uint256 amount, bool inToken, uint8 marks) internal {
        Account memory acct = _accounts[account];
        if (inToken) acct.tokenCredit = (acct.tokenCredit + amount).toUint96();
        else acct.etherCredit = (acct.etherCredit + amount).toUint96();
        acct.marks |= marks;
        _accounts[account] = acct;
    }

    /// @dev Adds `amount` to the house's ether or (`inToken`) WETH.
    function _creditHouse(uint256 amount, bool inToken) internal {
        if (amount == 0) return;
        if (inToken) _tokenFees.house = (_tokenFees.house + amount).toUint128();
        else _hot.houseEther = (_hot.houseEther + amount).toUint112();
    }

    /// @dev The pets' royalty receiver now (the collection's royalty is the same for every pet).
    function _royaltyReceiver() private view returns (address receiver) {
        // The amount of a zero price is of no use here: only the receiver is wanted.
        // slither-disable-next-line unused-return -- the receiver is the only value needed
        (receiver, ) = IERC2981(address(pets)).royaltyInfo(0, 0);
    }

    /// @dev Sends `etherAmount` wei and `tokenAmount` WETH to `to`, after every effect.
    function _pay(address to, uint256 etherAmount, uint256 tokenAmount) private {
        if (tokenAmount != 0) {
            // Our own WETH: a plain ERC-20 that runs no receiver code and returns true or reverts.
            bool sent = _token.transfer(to, tokenAmount);
            if (!sent) revert MarketPaymentFailed(to, tokenAmount);
        }
        if (etherAmount != 0) {
            (bool paid, ) = to.call{value: etherAmount}("");
            if (!paid) revert MarketPaymentFailed(to, etherAmount);
        }
    }

    /* ------------------------------------------------------------ */
    /*                   ERC-2771 (GASLESS PLAY)                    */
    /* ------------------------------------------------------------ */

    function _msgSender() internal view override(Context, ERC2771Context) returns (address) {
        return ERC2771Context._msgSender();
    }

    function _msgData() internal view override(Context, ERC2771Context) returns (bytes calldata) {
        return ERC2771Context._msgData();
    }

    function _contextSuffixLength() internal view override(Context, ERC2771Context) returns (uint256) {
        return ERC2771Context._contextSuffixLength();
    }
}
