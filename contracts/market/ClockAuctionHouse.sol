// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IClockAuctionHouse} from "../interfaces/IClockAuctionHouse.sol";
import {IPetEscrowHooks} from "../interfaces/IPetEscrowHooks.sol";
import {MarketPayments} from "./MarketPayments.sol";

/// @title ClockAuctionHouse
/// @notice Escrowed clock auctions of pets. A seller's pet moves into this contract when the
/// auction starts (which advances its pet nonce, voiding every signed order of it) and
/// leaves it to the winner, or back to the seller on cancel. Three kinds:
/// - sale: the winner gets the pet; the seller is credited the price less cut and royalty;
/// - siring: the winner's matron becomes pregnant by the pet (through PetToken's
///   breedWithEscrowedSire; this contract holds SIRING_MARKET_ROLE), the sire goes back to
///   its seller, who is credited the price less the cut;
/// - generation 0: this contract (OPERATOR_ROLE on the pets) mints a pet into its own
///   escrow and sells it, starting at 1.5 x the average of the last five generation-0 sale
///   prices, never below the floor, and falls to the floor as it was when the auction began:
///   a change of the floor applies to new auctions only, so no running auction's terms
///   change under a pending bid; the proceeds go to the house.
/// Every auction of a pet has an id (its `auctionId`th auction here), emitted at creation and
/// named by each bid, so a bid cannot be caught by a relisting of the same pet.
/// Pets enter only through the house's own transfers: it is pull-only on the pets
/// (MarketPayments), so a pet sent to it outside an auction is refused.
/// Bids settle at once, overpayment is credited to the bidder, and nothing is pushed into a
/// bidder's or seller's code: CryptoKitties' siring bid, which refunds through a 2,300-gas
/// `transfer`, reverts under London rules when the bidder's fallback reads cold storage.
contract ClockAuctionHouse is IClockAuctionHouse, MarketPayments {
    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice The role that creates generation-0 auctions (in this contract, not the pets').
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice The shortest auction.
    uint256 public constant MIN_DURATION = 1 minutes;
    /// @notice The longest auction (the price holds at the end price afterwards anyway).
    uint256 public constant MAX_DURATION = 365 days;
    /// @notice How long the price of a generation-0 auction falls.
    uint256 public constant GEN0_DURATION = 1 days;
    /// @notice How many recent generation-0 sales set the next starting price.
    uint256 public constant GEN0_HISTORY = 5;

    /* ------------------------------------------------------------ */
    /*                           STORAGE                            */
    /* ------------------------------------------------------------ */

    /// @dev Generation-0 pricing, one word: the floor and how many have sold.
    struct Gen0Pricing {
        uint128 floor; // wei: the lowest start price, and the end price, of new generation-0 auctions
        uint64 sold; // generation-0 sales so far; the next one is recorded at sold % GEN0_HISTORY
    }

    mapping(uint256 petId => Auction) private _auctions;
    Gen0Pricing private _gen0;
    uint128[GEN0_HISTORY] private _gen0Prices; // the last five generation-0 sale prices, a ring

    /* ------------------------------------------------------------ */
    /*                         CONSTRUCTOR                          */
    /* ------------------------------------------------------------ */

    /// @notice Deploys the auction house for `petToken`; it declares itself pull-only.
    /// @param petToken The pets; grant this contract OPERATOR_ROLE and SIRING_MARKET_ROLE there.
    /// @param admin Holds DEFAULT_ADMIN_ROLE here.
    /// @param operator Holds OPERATOR_ROLE here: creates generation-0 auctions.
    /// @param trustedForwarder The ERC-2771 forwarder of gasless play (zero: none).
    /// @param initialCutBps The market cut, at most MAX_CUT_BPS.
    /// @param gen0Floor The lowest starting price of a generation-0 auction, in wei.
    constructor(
        address petToken,
        address admin,
        address operator,
        address trustedForwarder,
        uint256 initialCutBps,
        uint256 gen0Floor
    ) MarketPayments(petToken, address(0), admin, trustedForwarder, initialCutBps) {
        if (operator == address(0)) revert MarketZeroAddress();
        _grantRole(OPERATOR_ROLE, operator);
        _setGen0Floor(gen0Floor);
    }

    /* ------------------------------------------------------------ */
    /*                      CREATING AUCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IClockAuctionHouse
    /// @dev Requirements: not paused; the caller owns `petId` and has approved this contract
    /// (setApprovalForAll or approve); the pet is not pregnant; MIN_DURATION <= `duration`
    /// <= MAX_DURATION; both prices fit 128 bits. Escrows the pet. Emits {AuctionCreated}.
    function createSaleAuction(
        uint256 petId,
        uint256 startPrice,
        uint256 endPrice,
        uint256 duration
    ) external whenNotPaused returns (uint256 auctionId) {
        return _createAuction(petId, startPrice, endPrice, duration, AuctionKind.Sale);
    }

    /// @inheritdoc IClockAuctionHouse
    /// @dev As {createSaleAuction}. The sire may be cooling down: bids fail until it is ready.
    function createSiringAuction(
        uint256 sireId,
        uint256 startPrice,
        uint256 endPrice,
        uint256 duration
    ) external whenNotPaused returns (uint256 auctionId) {
        return _createAuction(sireId, startPrice, endPrice, duration, AuctionKind.Siring);
    }

    /// @inheritdoc IClockAuctionHouse
    /// @dev Starts at {nextGen0Price}, falls to the floor (as it is now) over GEN0_DURATION and
    /// holds there. Its auction id is 1 (a new pet).
    /// Generation-0 auctions cannot be cancelled. Requirements: OPERATOR_ROLE here; not
    /// paused; this contract holds OPERATOR_ROLE on the pets (which check the genes and the
    /// supply caps). Emits {Transfer} and {Birth} (pets) and {AuctionCreated}.
    function createGen0Auction(uint256 genes) external whenNotPaused onlyRole(OPERATOR_ROLE) returns (uint256 petId) {
        uint256 startPrice = nextGen0Price();
        if (startPrice > type(uint128).max) revert MarketPriceTooHigh(startPrice, type(uint128).max);
        uint256 endPrice = _gen0.floor;
        petId = IPetEscrowHooks(address(pets)).mintGen0(genes, address(this));
        _auctions[petId] = Auction({
            seller: address(this),
            startedAt: uint32(block.timestamp),
            duration: uint32(GEN0_DURATION),
            kind: AuctionKind.Gen0,
            auctionId: 1, // a pet minted just now has had no auction
            startPrice: uint128(startPrice), // checked above
            endPrice: uint128(endPrice)
        });
        emit AuctionCreated(petId, address(this), AuctionKind.Gen0, 1, startPrice, endPrice, GEN0_DURATION);
    }

    /* ------------------------------------------------------------ */
    /*                            BIDS                              */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IClockAuctionHouse
    /// @dev Pays {currentPrice}; anything above it is credited to the bidder ({withdraw}).
    /// Requirements: not paused; `petId` is in a sale or generation-0 auction whose id is
    /// `auctionId` ({MarketAuctionChanged} otherwise); the value sent covers the price.
    /// Emits {AuctionWon}.
    function bid(uint256 petId, uint256 auctionId) external payable nonReentrant whenNotPaused {
        Auction memory auction = _auctions[petId];
        if (auction.kind != AuctionKind.Sale && auction.kind != AuctionKind.Gen0) _revertNotKind(petId, auction.kind);
        if (auction.auctionId != auctionId) revert MarketAuctionChanged(petId, auctionId, auction.auctionId);
        uint256 price = _priceOf(auction);
        if (msg.value < price) revert MarketBidTooLow(msg.value, price);
        address winner = _msgSender();

        _close(petId, auction.auctionId);
        if (auction.kind == AuctionKind.Gen0) {
            _recordGen0Sale(price);
            _creditHouse(price, false);
        } else {
            _creditSale(auction.seller, petId, price, false);
        }
        unchecked {
            // msg.value >= price was checked above.
            if (msg.value > price) _credit(winner, msg.value - price, false);
        }
        emit AuctionWon(petId, auction.seller, winner, price);

        // PetToken runs no receiver code on transferFrom, so the winner's code cannot run here.
        // slither-disable-next-line arbitrary-send-erc20 -- from this contract's own escrow
        pets.transferFrom(address(this), winner, petId);
    }

    /// @inheritdoc IClockAuctionHouse
    /// @dev Pays {currentPrice} (plus the pets' birth fee when `prepayBirthFee`, which goes
    /// to the pets so the midwife gives birth); anything above is credited to the bidder.
    /// Requirements: not paused; `sireId` is in a siring auction; the caller owns `matronId`
    /// (or is its owner's operator) and the pair may breed now (PetToken's errors); the
    /// auction's id is `auctionId` ({MarketAuctionChanged} otherwise); the value covers the
    /// price and fee. Emits {SiringAuctionWon}, and the pets' {Pregnant}.
    function bidOnSiringAuction(
        uint256 sireId,
        uint256 auctionId,
        uint256 matronId,
        bool prepayBirthFee
    ) external payable nonReentrant whenNotPaused {
        Auction memory auction = _auctions[sireId];
        if (auction.kind != AuctionKind.Siring) _revertNotKind(sireId, auction.kind);
        if (auction.auctionId != auctionId) revert MarketAuctionChanged(sireId, auctionId, auction.auctionId);
        uint256 price = _priceOf(auction);
        uint256 fee = prepayBirthFee ? IPetEscrowHooks(address(pets)).birthFee() : 0;
        uint256 due = price + fee;
        if (msg.value < due) revert MarketBidTooLow(msg.value, due);
        address breeder = _msgSender();

        _close(sireId, auction.auctionId);
        _creditSiring(auction.seller, price);
        unchecked {
            // msg.value >= due was checked above.
            if (msg.value > due) _credit(breeder, msg.value - due, false);
        }
        emit SiringAuctionWon(sireId, matronId, breeder, auction.seller, price);

        // Both calls go to PetToken, which runs no one else's code here.
        IPetEscrowHooks(address(pets)).breedWithEscrowedSire{value: fee}(breeder, matronId, sireId);
        // slither-disable-next-line arbitrary-send-erc20 -- from this contract's own escrow
        pets.transferFrom(address(this), auction.seller, sireId);
    }

    /* ------------------------------------------------------------ */
    /*                           CANCEL                             */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IClockAuctionHouse
    /// @dev Works while paused, so a pause never traps a seller's pet. Requirements:
    /// `petId` is in an auction; the caller is its seller (so generation-0 auctions, whose
    /// seller is this contract, cannot be cancelled). Emits {AuctionCancelled}.
    function cancelAuction(uint256 petId) external nonReentrant {
        Auction memory auction = _auctions[petId];
        if (auction.kind == AuctionKind.None) revert MarketNotOnAuction(petId);
        address caller = _msgSender();
        if (caller != auction.seller) revert MarketNotSeller(caller, auction.seller);
        _close(petId, auction.auctionId);
        emit AuctionCancelled(petId, auction.seller);
        // slither-disable-next-line arbitrary-send-erc20 -- from this contract's own escrow
        pets.transferFrom(address(this), auction.seller, petId);
    }

    /* ------------------------------------------------------------ */
    /*                            VIEWS                             */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IClockAuctionHouse
    function getAuction(uint256 petId) external view returns (Auction memory) {
        return _auctions[petId];
    }

    /// @inheritdoc IClockAuctionHouse
    /// @dev Requirements: `petId` is in an auction.
    function currentPrice(uint256 petId) external view returns (uint256) {
        Auction memory auction = _auctions[petId];
        if (auction.kind == AuctionKind.None) revert MarketNotOnAuction(petId);
        return _priceOf(auction);
    }

    /// @inheritdoc IClockAuctionHouse
    /// @dev 1.5 x the average of the last (up to) five generation-0 sale prices, rounded
    /// down, and never below the floor; the floor before the first sale.
    function nextGen0Price() public view returns (uint256) {
        Gen0Pricing memory gen0 = _gen0;
        uint256 count = gen0.sold < GEN0_HISTORY ? gen0.sold : GEN0_HISTORY;
        if (count == 0) return gen0.floor;
        uint256 sum = 0;
        for (uint256 i; i < count; ++i) {
            sum += _gen0Prices[i];
        }
        uint256 price = (sum * 3) / (2 * count);
        return price > gen0.floor ? price : gen0.floor;
    }

    /// @notice The lowest starting price, and the end price, of generation-0 auctions.
    function gen0Floor() external view returns (uint256) {
        return _gen0.floor;
    }

    /// @notice How many generation-0 pets this house has sold.
    function gen0Sold() external view returns (uint256) {
        return _gen0.sold;
    }

    /* ------------------------------------------------------------ */
    /*                           ADMIN                              */
    /* ------------------------------------------------------------ */

    /// @notice Set the lowest starting price, and the end price, of generation-0 auctions
    /// created from now on. Running auctions keep the floor they started with.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; fits 128 bits. Emits {Gen0FloorChanged}.
    function setGen0Floor(uint256 floor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setGen0Floor(floor);
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev Checks the terms, escrows `petId` from the caller and records the auction; returns its id.
    function _createAuction(
        uint256 petId,
        uint256 startPrice,
        uint256 endPrice,
        uint256 duration,
        AuctionKind kind
    ) private returns (uint256 auctionId) {
        if (duration < MIN_DURATION) revert MarketDurationTooShort(duration, MIN_DURATION);
        if (duration > MAX_DURATION) revert MarketDurationTooLong(duration, MAX_DURATION);
        if (startPrice > type(uint128).max) revert MarketPriceTooHigh(startPrice, type(uint128).max);
        if (endPrice > type(uint128).max) revert MarketPriceTooHigh(endPrice, type(uint128).max);
        // A pregnant pet in escrow would give birth to a child owned by this contract. A pet
        // ready to breed is not pregnant: that view reads the pet's ownership word only (warm
        // for the transfer below), so only a pet that is cooling down (or pregnant) pays for
        // the full record.
        if (!pets.isReadyToBreed(petId) && pets.getPet(petId).siringWithId != 0) revert MarketPetPregnant(petId);
        address seller = _msgSender();
        // The pet is in no auction here (it would be in escrow, and the transfer below would
        // fail), so word 1 holds at most the id of its last auction. Checked: a pet's
        // 16,777,216th auction reverts rather than reuse an id.
        auctionId = _auctions[petId].auctionId + 1;
        _auctions[petId] = Auction({
            seller: seller,
            startedAt: uint32(block.timestamp),
            duration: uint32(duration),
            kind: kind,
            auctionId: uint24(auctionId),
            startPrice: uint128(startPrice),
            endPrice: uint128(endPrice)
        });
        emit AuctionCreated(petId, seller, kind, auctionId, startPrice, endPrice, duration);
        // Reverts unless the caller owns the pet and approved this contract. The move
        // advances the pet nonce, which voids its signed orders.
        // slither-disable-next-line arbitrary-send-erc20 -- `seller` is the caller (_msgSender), not an argument
        pets.transferFrom(seller, address(this), petId);
    }

    /// @dev The price of `auction` now: linear from start to end price, then the end price.
    function _priceOf(Auction memory auction) private view returns (uint256) {
        uint256 elapsed = block.timestamp - auction.startedAt; // startedAt is a past block's time
        if (elapsed >= auction.duration) return auction.endPrice;
        uint256 startPrice = auction.startPrice;
        uint256 endPrice = auction.endPrice;
        unchecked {
            // Prices are below 2^128 and elapsed < duration < 2^32, so no product overflows,
            // and each step stays between the two prices.
            if (endPrice >= startPrice) return startPrice + ((endPrice - startPrice) * elapsed) / auction.duration;
            return startPrice - ((startPrice - endPrice) * elapsed) / auction.duration;
        }
    }

    /// @dev Ends the auction of `petId`: only its id stays, for the pet's next auction.
    function _close(uint256 petId, uint24 auctionId) private {
        _auctions[petId] = Auction({
            seller: address(0),
            startedAt: 0,
            duration: 0,
            kind: AuctionKind.None,
            auctionId: auctionId,
            startPrice: 0,
            endPrice: 0
        });
    }

    /// @dev Remembers a generation-0 sale price for {nextGen0Price}.
    function _recordGen0Sale(uint256 price) private {
        Gen0Pricing memory gen0 = _gen0;
        _gen0Prices[gen0.sold % GEN0_HISTORY] = uint128(price); // price <= a stored uint128 price
        gen0.sold += 1;
        _gen0 = gen0;
    }

    function _setGen0Floor(uint256 floor) private {
        if (floor > type(uint128).max) revert MarketPriceTooHigh(floor, type(uint128).max);
        _gen0.floor = uint128(floor);
        emit Gen0FloorChanged(floor);
    }

    /// @dev Reverts for a bid on `petId`, whose auction (if any) is of another `kind`.
    function _revertNotKind(uint256 petId, AuctionKind kind) private pure {
        if (kind == AuctionKind.None) revert MarketNotOnAuction(petId);
        revert MarketWrongAuctionKind(petId, kind);
    }
}
