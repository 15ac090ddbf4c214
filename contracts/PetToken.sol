// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import {IPetEscrowHooks} from "./interfaces/IPetEscrowHooks.sol";
import {IPetToken} from "./interfaces/IPetToken.sol";
import {Cooldowns} from "./libraries/Cooldowns.sol";
import {Genome} from "./libraries/Genome.sol";
import {PetERC721} from "./pets/PetERC721.sol";

/// @title PetToken
/// @notice Pawchain's pets: ERC-721 tokens whose genes, lineage and breeding state live on
/// chain. Two pets breed; after the matron's gestation anyone may bring the child to term.
/// Rules: docs/rules.md and docs/contracts.md; genetics: docs/genetics.md.
///
/// Randomness threat model. A breeding commits to the hash of the block after the one that
/// holds it (`commitBlock`). Once that block is mined, anyone may *seal* the pregnancy's
/// birth seed: 96 bits of keccak256(blockhash(commitBlock), matronId, sireId), stored in the
/// pregnancy word ({sealBirthSeed}, {sealBirthSeeds}; giveBirth seals it itself if nobody
/// did). The birth mixes the genes with keccak256 of the sealed seed, whenever it happens,
/// so the length of the gestation does not matter. The EVM keeps a block hash for 256
/// blocks only; if nobody sealed the seed by then, no new seed is ever drawn: giveBirth ends
/// the pregnancy without a child ({PregnancyLost}). Who can influence what:
/// - The breeder: when it signs, `commitBlock` does not exist, so it cannot choose the
///   outcome; gestation lasts at least a minute, so breeding and birth never share a
///   transaction (no revert of a bad draw). Once `commitBlock` is mined the child is fixed
///   and public. The matron's owner can then only choose between that child and none (by
///   not sealing and hoping nobody else seals for 256 blocks), never between two children;
///   and no child is never better for it than the child (the matron is ready at once either
///   way, and the child may be ignored or sold).
/// - The proposer of `commitBlock` could grind or withhold that block. It forfeits a block
///   reward per try, far above the value of a pet draw; accepted. Block producers who censor
///   every seal for 256 blocks can turn the child into no child, nothing more.
/// - The game's relay (the midwife seals every pregnancy as soon as its seed block is
///   mined): not sealing can cost a child if nobody else seals within 256 blocks; it cannot
///   pick the child. Sealing works while the game is paused, so a pause costs no child.
///
/// Storage of a pet, three words, arranged so that each operation writes as few of them
/// as it can, and so that minting and birth create only two new words:
///   ownership (PetERC721): [0..159] owner [160..191] pet nonce
///                          [192..223] cooldownEnd [224..231] breedings [232..247] generation
///   _lineage:              [0..159] genes [160..191] matronId [192..223] sireId [224..255] birthTime
///   _pregnancy:            [0..31] siringWithId [32..63] commitBlock [64..127] birthFee [128..159] litters
///                          [160..255] birthSeed (0 until sealed)
/// A transfer rewrites the ownership word only; a breeding rewrites both pets' ownership
/// words and the matron's pregnancy word (new, so dearer, on its first breeding; it stays
/// non-zero afterwards through `litters`); a seal rewrites the pregnancy word; a birth
/// creates the child's ownership and lineage, rewrites the pregnancy word and the matron's
/// ownership word (its nonce).
/// The pet nonce moves with everything a buyer of the pet values: every transfer, every
/// breeding (matron and sire: cooldown end, cooldown index, pregnancy) and every birth (the
/// matron: the pregnancy ends, `litters` grows). Signed market orders name it, so an order
/// dies when its pet changes; ERC-721 approvals and siring approvals name it too, so they
/// die with it (a siring approval is for the sire as it was when approved).
/// A genome is 256 bits but bits 160..255 are reserved and zero by rule (Genome.isValid,
/// enforced at mint; mixing keeps them zero), so the record holds the 160 bits in use.
/// Times are uint32 unix seconds (good until 2106); ids are uint32 (GameState.minted).
///
/// Administration: OpenZeppelin's AccessControlDefaultAdminRules. There is one default
/// admin, and handing the role over takes two steps: the admin begins a transfer
/// (beginDefaultAdminTransfer), and the new admin accepts it (acceptDefaultAdminTransfer)
/// once ADMIN_TRANSFER_DELAY has passed. A mistyped address never becomes admin, and a
/// transfer begun with a stolen key is visible on chain for two days before it can complete.
contract PetToken is
    IPetToken,
    IPetEscrowHooks,
    IERC2981,
    PetERC721,
    AccessControlDefaultAdminRules,
    ERC2771Context
{
    using Strings for uint256;

    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice The role that creates generation-0 pets.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice The role of a market contract that breeds with sires it holds for siring auctions.
    bytes32 public constant SIRING_MARKET_ROLE = keccak256("SIRING_MARKET_ROLE");
    /// @notice At most this many generation-0 pets, promotional ones included.
    uint256 public constant GEN0_LIMIT = 50_000;
    /// @notice At most this many promotional generation-0 pets.
    uint256 public constant PROMO_LIMIT = 5_000;
    /// @notice The highest royalty the admin may set, in basis points (10%).
    uint96 public constant MAX_ROYALTY_BPS = 1_000;
    /// @notice How long a handover of the default admin role waits between its start and its
    /// acceptance, unless the admin changes it (changeDefaultAdminDelay, itself delayed).
    uint48 public constant ADMIN_TRANSFER_DELAY = 2 days;

    /* ------------------------------------------------------------ */
    /*                           STORAGE                            */
    /* ------------------------------------------------------------ */

    /// @dev Counters and switches read together by minting, breeding and births: one word.
    struct GameState {
        uint32 minted; // pets ever created; the last pet's id (ids start at 1; 0 means "none")
        uint32 gen0Created; // promotional ones included
        uint32 promoCreated;
        bool paused;
        uint64 birthFee; // wei a breeder may prepay for the midwife
    }

    /// @dev What never changes after birth, one word. See the layout comment above.
    struct Lineage {
        uint160 genes;
        uint32 matronId;
        uint32 sireId;
        uint32 birthTime;
    }

    /// @dev A matron's pregnancy, one word; `litters` keeps it non-zero after the first birth,
    /// so later breedings rewrite it rather than create it.
    struct Pregnancy {
        uint32 siringWithId; // the sire while pregnant, else 0
        uint32 commitBlock; // the block whose hash seeds the birth, while pregnant
        uint64 birthFee; // wei prepaid for whoever calls giveBirth
        uint32 litters; // births so far
        uint96 birthSeed; // sealed from commitBlock's hash (lowest bit set); 0 until sealed
    }

    /// @dev The breeding clock of a pet, kept in bits 192..255 of its ownership word (bits
    /// 0..63 here): cooldownEnd [0..31], breedings [32..39], generation [40..55].
    struct Clock {
        uint256 cooldownEnd; // unix seconds: ready from then on; for a pregnant matron, due date
        uint256 breedings; // times bred, saturating at Cooldowns.MAX_INDEX
        uint256 generation;
    }

    GameState private _state;
    mapping(uint256 petId => Lineage) private _lineage;
    mapping(uint256 petId => Pregnancy) private _pregnancy;
    /// @dev [0..159] the account allowed to use the sire, [160..191] the sire's pet nonce at
    /// approval: a transfer, breeding or birth of the sire voids the approval without a write.
    mapping(uint256 sireId => uint256 approvalWord) private _siringApprovals;

    /// @dev Royalty receiver and rate share one word: a sale reads both with one SLOAD.
    /// (OpenZeppelin's ERC2981 looks up a per-token royalty first, a second cold read on
    /// every sale, for a feature this collection does not have.)
    address private _treasury;
    uint96 private _royaltyBps;
    string private _baseTokenURI;

    /* ------------------------------------------------------------ */
    /*                         CONSTRUCTOR                          */
    /* ------------------------------------------------------------ */

    /// @param admin Holds DEFAULT_ADMIN_ROLE: settings, pause, roles.
    /// @param operator Holds OPERATOR_ROLE: creates generation-0 pets.
    /// @param treasuryAccount Receives royalties.
    /// @param trustedForwarder The ERC-2771 forwarder of gasless play (zero: none).
    /// @param baseTokenURI tokenURI(id) is this followed by the id in decimal.
    /// @param royaltyBps ERC-2981 royalty in basis points, at most MAX_ROYALTY_BPS.
    constructor(
        address admin,
        address operator,
        address treasuryAccount,
        address trustedForwarder,
        string memory baseTokenURI,
        uint96 royaltyBps
    ) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, _nonZero(admin)) ERC2771Context(trustedForwarder) {
        if (operator == address(0)) revert PetZeroAddress();
        _grantRole(OPERATOR_ROLE, operator);
        _setTreasury(treasuryAccount);
        _setRoyalty(royaltyBps);
        _baseTokenURI = baseTokenURI;
    }

    /* ------------------------------------------------------------ */
    /*                          MODIFIERS                           */
    /* ------------------------------------------------------------ */

    modifier whenNotPaused() {
        if (_state.paused) revert PetGamePaused();
        _;
    }

    /* ------------------------------------------------------------ */
    /*                     METADATA (ERC-721)                       */
    /* ------------------------------------------------------------ */

    /// @notice The collection's name.
    function name() external pure returns (string memory) {
        return "Pawchain Pets";
    }

    /// @notice The collection's symbol.
    function symbol() external pure returns (string memory) {
        return "PAW";
    }

    /// @notice Where the metadata JSON of `petId` lives: the base URI followed by the id.
    /// @dev Requirements: `petId` exists.
    function tokenURI(uint256 petId) external view returns (string memory) {
        _requireOwned(petId);
        return string.concat(_baseTokenURI, petId.toString());
    }

    /// @notice The number of pets in existence (pets are never burned).
    function totalSupply() external view returns (uint256) {
        return _state.minted;
    }

    /* ------------------------------------------------------------ */
    /*                        GENERATION 0                          */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetEscrowHooks
    /// @dev For a buyer, or for the gen-0 auction's escrow. Requirements: OPERATOR_ROLE; not
    /// paused; valid genes; fewer than GEN0_LIMIT so far; a pull-only `to` is the caller.
    /// Emits {Transfer} and {Birth}.
    function mintGen0(uint256 genes, address to) external onlyRole(OPERATOR_ROLE) returns (uint256) {
        return _createGen0(genes, to, false);
    }

    /// @notice Give a promotional generation-0 pet with `genes` to `to`.
    /// @dev As {mintGen0}, and fewer than PROMO_LIMIT promotional pets so far.
    function mintPromo(uint256 genes, address to) external onlyRole(OPERATOR_ROLE) returns (uint256) {
        return _createGen0(genes, to, true);
    }

    /// @notice How many generation-0 and promotional pets exist.
    function gen0Counts() external view returns (uint256 gen0Created, uint256 promoCreated) {
        return (_state.gen0Created, _state.promoCreated);
    }

    /* ------------------------------------------------------------ */
    /*                          BREEDING                            */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetToken
    /// @dev Requirements: the caller owns `sireId` or is its owner's operator. Approving the
    /// zero address revokes. A transfer, breeding or birth of the sire voids the approval
    /// (it moves the pet nonce). Emits {SiringApproved}.
    function approveSiring(address to, uint256 sireId) external {
        uint256 word = _ownershipWord(sireId);
        address owner = address(uint160(word));
        if (owner == address(0)) revert ERC721NonexistentToken(sireId);
        address caller = _msgSender();
        if (!_isOwnerOrOperator(owner, caller)) revert ERC721InvalidApprover(caller);
        _siringApprovals[sireId] = uint160(to) | (_nonceOf(word) << _NONCE_SHIFT);
        emit SiringApproved(owner, to, sireId);
    }

    /// @inheritdoc IPetToken
    function siringApprovedFor(uint256 sireId) public view returns (address) {
        uint256 approval = _siringApprovals[sireId];
        if ((approval >> _NONCE_SHIFT) != _nonceOf(_ownershipWord(sireId))) return address(0);
        return address(uint160(approval));
    }

    /// @inheritdoc IPetToken
    /// @dev Requirements: not paused; the caller owns `matronId` or is its owner's operator;
    /// `sireId` has the same owner or is approved for the matron's owner ({approveSiring});
    /// both are ready ({isReadyToBreed}); neither is the other, a parent of the other or a
    /// sibling (full or half); the value sent is 0 or exactly {birthFee} (prepaid for the
    /// midwife). The matron is due after its cooldown; both move one step down the ladder.
    /// Emits {Pregnant} and {MetadataUpdate} for both pets.
    function breedWith(uint256 matronId, uint256 sireId) external payable whenNotPaused {
        _breed(_msgSender(), matronId, sireId, false);
    }

    /// @inheritdoc IPetEscrowHooks
    /// @dev For a siring auction that `breeder` won: the sire stays with the market, which
    /// returns it to its owner. Requirements: SIRING_MARKET_ROLE; the caller owns `sireId`;
    /// `breeder` owns `matronId` or is its owner's operator; the rest as {breedWith}.
    /// Trust: the pets cannot see who called the market, so a holder of SIRING_MARKET_ROLE
    /// can breed ANY ready matron with a sire it holds, by naming the matron's owner as
    /// `breeder`. It cannot take the matron or its child (the child is born to the matron's
    /// owner), skip a cooldown, kinship or pause rule, or use a sire it does not hold. Only
    /// ClockAuctionHouse holds the role; it names as `breeder` the account that called
    /// bidOnSiringAuction and paid. docs/security.md (Market holes) tells why this is not
    /// narrowed further.
    function breedWithEscrowedSire(address breeder, uint256 matronId, uint256 sireId)
        external
        payable
        onlyRole(SIRING_MARKET_ROLE)
        whenNotPaused
    {
        _breed(breeder, matronId, sireId, true);
    }

    /// @dev The breeding itself; see {breedWith}. `sireEscrowed`: the caller is a siring
    /// market that holds the sire, so no siring approval is needed.
    function _breed(address breeder, uint256 matronId, uint256 sireId, bool sireEscrowed) private {
        uint256 fee = _state.birthFee;
        if (msg.value != 0 && msg.value != fee) revert PetWrongBirthFee(msg.value, fee);
        uint256 matronWord = _ownershipWord(matronId);
        uint256 sireWord = _ownershipWord(sireId);
        _authorizeBreeding(breeder, matronId, matronWord, sireId, sireWord, sireEscrowed);
        Clock memory matronClock = _requireReady(matronId, matronWord);
        Clock memory sireClock = _requireReady(sireId, sireWord);
        _requireUnrelated(matronId, matronClock.generation, sireId, sireClock.generation);
        Pregnancy memory pregnancy = _pregnancy[matronId];
        if (pregnancy.siringWithId != 0) revert PetIsPregnant(matronId);
        if (_pregnancy[sireId].siringWithId != 0) revert PetIsPregnant(sireId);

        uint256 dueAt = _startCooldown(matronId, matronWord, matronClock);
        _startCooldown(sireId, sireWord, sireClock);
        pregnancy.siringWithId = uint32(sireId);
        pregnancy.commitBlock = uint32(block.number + 1);
        pregnancy.birthFee = uint64(msg.value); // 0 or the birth fee, which fits 64 bits
        _pregnancy[matronId] = pregnancy;

        emit Pregnant(matronId, sireId, dueAt, msg.value);
        emit MetadataUpdate(matronId);
        emit MetadataUpdate(sireId);
    }

    /// @inheritdoc IPetToken
    /// @dev Anyone may call this once the matron is due; the child belongs to whoever owns
    /// the matron at birth, and the caller receives the prepaid birth fee, if any. The genes
    /// come from the sealed birth seed; if nobody sealed it, this call seals it first. If it
    /// was never sealed and the seed block is more than 256 blocks old (its hash is gone),
    /// the pregnancy ends without a child and 0 is returned: no new seed is ever drawn.
    /// Requirements: not paused; `matronId` pregnant and due; its seed block mined.
    /// Emits {Transfer} and {Birth} for the child and {MetadataUpdate} for the matron, or
    /// {PregnancyLost} and {MetadataUpdate}.
    function giveBirth(uint256 matronId) external whenNotPaused returns (uint256 childId) {
        Pregnancy memory pregnancy = _pregnancy[matronId];
        uint256 sireId = pregnancy.siringWithId;
        if (sireId == 0) revert PetNotPregnant(matronId);
        uint256 matronWord = _ownershipWord(matronId);
        Clock memory matronClock = _clockIn(matronWord);
        if (block.timestamp < matronClock.cooldownEnd) revert PetGestationNotOver(matronId, matronClock.cooldownEnd);
        uint256 birthSeed = pregnancy.birthSeed;
        if (birthSeed == 0) birthSeed = _drawBirthSeed(matronId, sireId, pregnancy.commitBlock);

        if (birthSeed != 0) {
            uint256 seed = uint256(keccak256(abi.encode(birthSeed)));
            uint256 genes = Genome.mix(_lineage[matronId].genes, _lineage[sireId].genes, seed);
            uint256 sireGeneration = _clockIn(_ownershipWord(sireId)).generation;
            uint256 generation = (matronClock.generation > sireGeneration ? matronClock.generation : sireGeneration) + 1;
            // Unreachable in practice (65,535 generations of at least a week each), but a wrapped
            // generation would reset the cooldown ladder, so it is refused rather than stored.
            if (generation > type(uint16).max) revert PetGenerationLimitReached(generation);
            childId = _createPet(address(uint160(matronWord)), genes, matronId, sireId, generation);
            pregnancy.litters += 1;
        } else {
            emit PregnancyLost(matronId, sireId, pregnancy.commitBlock);
        }
        _advanceNonce(matronId, matronWord); // the pregnancy ended: orders on the matron die

        uint256 fee = pregnancy.birthFee;
        pregnancy.siringWithId = 0;
        pregnancy.commitBlock = 0;
        pregnancy.birthFee = 0;
        pregnancy.birthSeed = 0;
        _pregnancy[matronId] = pregnancy;
        emit MetadataUpdate(matronId);

        if (fee != 0) {
            // Paid last, after every effect, to the caller, who chose to run this code; a
            // re-entering caller finds the matron no longer pregnant.
            address midwife = _msgSender();
            (bool paid,) = midwife.call{value: fee}("");
            if (!paid) revert PetBirthFeePaymentFailed(midwife, fee);
        }
    }

    /// @notice Fix the seed of `matronId`'s pregnancy from its seed block's hash, so the
    /// birth can happen any time later; returns the sealed seed. Sealing again changes nothing.
    /// @dev Anyone may call it, also while the game is paused (a pause must not cost a
    /// child). Requirements: `matronId` pregnant; its seed block mined and at most 256
    /// blocks old ({PetBirthSeedLost} otherwise), unless already sealed.
    /// Emits {BirthSeedSealed} when it seals.
    function sealBirthSeed(uint256 matronId) external returns (uint256 birthSeed) {
        Pregnancy memory pregnancy = _pregnancy[matronId];
        uint256 sireId = pregnancy.siringWithId;
        // slither-disable-next-line incorrect-equality -- a pet id, not a balance or a time
        if (sireId == 0) revert PetNotPregnant(matronId);
        if (pregnancy.birthSeed != 0) return pregnancy.birthSeed;
        birthSeed = _drawBirthSeed(matronId, sireId, pregnancy.commitBlock);
        // slither-disable-next-line incorrect-equality -- 0 is "the hash is gone", not a balance
        if (birthSeed == 0) revert PetBirthSeedLost(matronId, pregnancy.commitBlock);
        pregnancy.birthSeed = uint96(birthSeed);
        _pregnancy[matronId] = pregnancy;
        emit BirthSeedSealed(matronId, birthSeed);
    }

    /// @notice Seal the birth seeds of the pregnancies of `matronIds` that can be sealed now
    /// (see {sealBirthSeed}); returns how many it sealed. The midwife's batch: one transaction
    /// for every pregnancy whose seed block was mined since its last round.
    /// @dev Skips, without reverting, a pet that is not pregnant, already sealed, whose seed
    /// block is not mined yet or whose hash is gone, so a batch built from a slightly stale
    /// index still seals the rest. Works while paused. Emits {BirthSeedSealed} for each seal.
    function sealBirthSeeds(uint256[] calldata matronIds) external returns (uint256 sealedCount) {
        for (uint256 i = 0; i < matronIds.length; ++i) {
            uint256 matronId = matronIds[i];
            Pregnancy memory pregnancy = _pregnancy[matronId];
            uint256 sireId = pregnancy.siringWithId;
            uint256 commitBlock = pregnancy.commitBlock;
            // slither-disable-next-line incorrect-equality -- a pet id, not a balance or a time
            if (sireId == 0 || pregnancy.birthSeed != 0 || block.number <= commitBlock) continue;
            uint256 birthSeed = _drawBirthSeed(matronId, sireId, commitBlock);
            // slither-disable-next-line incorrect-equality -- 0 is "the hash is gone", not a balance
            if (birthSeed == 0) continue;
            pregnancy.birthSeed = uint96(birthSeed);
            _pregnancy[matronId] = pregnancy;
            emit BirthSeedSealed(matronId, birthSeed);
            ++sealedCount;
        }
    }

    /// @dev The 96-bit birth seed of a pregnancy committed to `commitBlock`, or 0 if that
    /// block's hash is gone (more than 256 blocks old). The lowest bit is set, so a sealed
    /// seed is never 0 (the mark of "not sealed"); 95 random bits are plenty to pick one of a
    /// pregnancy's outcomes, and keccak256 expands them to the 256 bits mixing reads.
    /// Reverts {PetBirthSeedNotMined} before `commitBlock` is mined.
    function _drawBirthSeed(uint256 matronId, uint256 sireId, uint256 commitBlock) private view returns (uint256) {
        if (block.number <= commitBlock) revert PetBirthSeedNotMined(matronId, commitBlock);
        bytes32 seedHash = blockhash(commitBlock);
        // slither-disable-next-line incorrect-equality -- blockhash returns 0 exactly when the hash is gone
        if (seedHash == bytes32(0)) return 0;
        return uint96(uint256(keccak256(abi.encode(seedHash, matronId, sireId)))) | 1;
    }

    /* ------------------------------------------------------------ */
    /*                           VIEWS                              */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetToken
    function getPet(uint256 petId) external view returns (Pet memory pet) {
        uint256 word = _ownershipWord(petId);
        _ownerIn(petId, word);
        Lineage memory lineage = _lineage[petId];
        Pregnancy memory pregnancy = _pregnancy[petId];
        Clock memory clock = _clockIn(word);
        pet.genes = lineage.genes;
        pet.birthTime = lineage.birthTime;
        pet.cooldownEnd = uint64(clock.cooldownEnd);
        pet.matronId = lineage.matronId;
        pet.sireId = lineage.sireId;
        pet.siringWithId = pregnancy.siringWithId;
        pet.commitBlock = pregnancy.commitBlock;
        pet.generation = uint16(clock.generation);
        pet.cooldownIndex = uint8(Cooldowns.index(clock.generation, clock.breedings));
        pet.birthFee = pregnancy.birthFee;
        pet.litters = pregnancy.litters;
        pet.birthSeed = pregnancy.birthSeed;
    }

    /// @inheritdoc IPetToken
    function petNonce(uint256 petId) external view returns (uint256) {
        uint256 word = _ownershipWord(petId);
        _ownerIn(petId, word);
        return _nonceOf(word);
    }

    /// @inheritdoc IPetToken
    /// @dev Checks the nonce, then is exactly {transferFrom} (same requirements and errors,
    /// no receiver hook), then returns what {royaltyInfo} would for `salePrice`.
    /// Requirements: the nonce of `petId` is `signedNonce` ({PetStaleNonce} otherwise);
    /// those of {transferFrom}. Emits {Transfer}.
    function transferForSale(address from, address to, uint256 petId, uint256 signedNonce, uint256 salePrice)
        external
        returns (address royaltyReceiver, uint256 royaltyAmount)
    {
        uint256 nonce = _nonceOf(_ownershipWord(petId)); // the transfer reads this word again, warm
        if (nonce != signedNonce) revert PetStaleNonce(petId, signedNonce, nonce);
        _transfer(_msgSender(), from, to, petId);
        return _royaltyFor(salePrice);
    }

    /// @inheritdoc IPetToken
    function isReadyToBreed(uint256 petId) public view returns (bool) {
        uint256 word = _ownershipWord(petId);
        _ownerIn(petId, word);
        return _pregnancy[petId].siringWithId == 0 && _clockIn(word).cooldownEnd <= block.timestamp;
    }

    /// @inheritdoc IPetToken
    /// @dev Ownership and siring approval aside: both exist, neither is pregnant or cooling
    /// down, and they are not the same pet, parent and child, or siblings.
    function canBreedWith(uint256 matronId, uint256 sireId) external view returns (bool) {
        if (!isReadyToBreed(matronId) || !isReadyToBreed(sireId)) return false;
        return _compatibility(matronId, _lineage[matronId], sireId, _lineage[sireId]) == bytes4(0);
    }

    /// @inheritdoc IPetEscrowHooks
    function birthFee() external view returns (uint256) {
        return _state.birthFee;
    }

    /// @notice True while breeding, births and minting are stopped. Transfers never stop.
    function paused() external view returns (bool) {
        return _state.paused;
    }

    /// @notice The account that receives royalties.
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice ERC-2981: the royalty owed to the treasury on a sale of any pet for
    /// `salePrice` (one rate for the whole collection, rounded down).
    function royaltyInfo(uint256, uint256 salePrice) external view returns (address receiver, uint256 amount) {
        return _royaltyFor(salePrice);
    }

    /// @notice ERC-165: ERC-721, its metadata extension, ERC-4906, ERC-2981, AccessControl
    /// and AccessControlDefaultAdminRules.
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(IERC165, PetERC721, AccessControlDefaultAdminRules)
        returns (bool)
    {
        return interfaceId == type(IERC721Metadata).interfaceId || interfaceId == bytes4(0x49064906) // ERC-4906
            || PetERC721.supportsInterface(interfaceId) || interfaceId == type(IERC2981).interfaceId
            || AccessControlDefaultAdminRules.supportsInterface(interfaceId);
    }

    /* ------------------------------------------------------------ */
    /*                      MARKET ESCROW                           */
    /* ------------------------------------------------------------ */

    /// @inheritdoc IPetEscrowHooks
    /// @dev For good: there is no way back. The markets call this from their constructors.
    /// Emits {PullOnlyDeclared}.
    function declarePullOnly() external {
        _setPullOnly(msg.sender);
        emit PullOnlyDeclared(msg.sender);
    }

    /// @inheritdoc IPetEscrowHooks
    function isPullOnly(address account) external view returns (bool) {
        return _isPullOnly(account);
    }

    /* ------------------------------------------------------------ */
    /*                           ADMIN                              */
    /* ------------------------------------------------------------ */

    /// @notice Stop breeding, births and minting (transfers and the market's escrow go on).
    /// @dev Requirements: DEFAULT_ADMIN_ROLE. Emits {Paused}.
    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _state.paused = true;
        emit Paused(_msgSender());
    }

    /// @notice Resume breeding, births and minting.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE. Emits {Unpaused}.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _state.paused = false;
        emit Unpaused(_msgSender());
    }

    /// @notice Make tokenURI(id) return `baseTokenURI` followed by the id.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE. Emits {BaseURIChanged} and {BatchMetadataUpdate}.
    function setBaseURI(string calldata baseTokenURI) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _baseTokenURI = baseTokenURI;
        emit BaseURIChanged(baseTokenURI);
        emit BatchMetadataUpdate(1, type(uint256).max);
    }

    /// @notice Send royalties to `newTreasury` from now on.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; not the zero address. Emits {TreasuryChanged}.
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(newTreasury);
    }

    /// @notice Set the ERC-2981 royalty to `royaltyBps` basis points of each sale.
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; at most MAX_ROYALTY_BPS.
    function setRoyalty(uint96 royaltyBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRoyalty(royaltyBps);
    }

    /// @notice Set the fee a breeder may prepay for the midwife (0 turns the option off).
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; fits in 64 bits. A pregnancy keeps the fee it
    /// was bred with. Emits {BirthFeeChanged}.
    function setBirthFee(uint256 fee) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (fee > type(uint64).max) revert PetBirthFeeTooHigh(fee, type(uint64).max);
        _state.birthFee = uint64(fee);
        emit BirthFeeChanged(fee);
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev `admin`, after checking it is not the zero address (for the admin rules' constructor).
    function _nonZero(address admin) private pure returns (address) {
        if (admin == address(0)) revert PetZeroAddress();
        return admin;
    }

    /// @dev Mints a generation-0 pet after checking the caps.
    function _createGen0(uint256 genes, address to, bool promotional) private whenNotPaused returns (uint256) {
        if (!Genome.isValid(genes)) revert PetInvalidGenes(genes);
        GameState memory state = _state;
        if (state.gen0Created >= GEN0_LIMIT) revert PetGen0LimitReached(GEN0_LIMIT);
        if (promotional) {
            if (state.promoCreated >= PROMO_LIMIT) revert PetPromoLimitReached(PROMO_LIMIT);
            state.promoCreated += 1;
        }
        state.gen0Created += 1;
        _state = state;
        return _createPet(to, genes, 0, 0, 0);
    }

    /// @dev Mints pet number `minted + 1` with its lineage. Emits {Transfer} and {Birth}.
    function _createPet(address owner, uint256 genes, uint256 matronId, uint256 sireId, uint256 generation)
        private
        returns (uint256 petId)
    {
        petId = _state.minted + 1; // checked: 2^32 pets would overflow the uint32 below
        _state.minted = uint32(petId);
        _lineage[petId] = Lineage({
            genes: uint160(genes),
            matronId: uint32(matronId),
            sireId: uint32(sireId),
            birthTime: uint32(block.timestamp)
        });
        // A newborn is ready at once and has never bred: its clock holds only the generation.
        _mint(owner, petId, _packClock(Clock({cooldownEnd: 0, breedings: 0, generation: generation})));
        emit Birth(petId, matronId, sireId, genes, generation);
    }

    /// @dev The owner in `word`, the ownership word of `petId`; reverts if there is none.
    function _ownerIn(uint256 petId, uint256 word) private pure returns (address owner) {
        owner = address(uint160(word));
        if (owner == address(0)) revert ERC721NonexistentToken(petId);
    }

    /// @dev The breeding clock kept in an ownership word.
    function _clockIn(uint256 word) private pure returns (Clock memory) {
        uint256 data = _extraDataOf(word);
        return Clock({
            cooldownEnd: uint32(data),
            breedings: uint8(data >> 32),
            generation: uint16(data >> 40)
        });
    }

    /// @dev The 64 bits a clock occupies in an ownership word. Callers keep every field in
    /// range: times below 2^32, breedings at most 13, generations below 2^16.
    function _packClock(Clock memory clock) private pure returns (uint256) {
        return clock.cooldownEnd | (clock.breedings << 32) | (clock.generation << 40);
    }

    /// @dev The clock of `petId` (ownership word `word`), after checking it is not cooling down.
    function _requireReady(uint256 petId, uint256 word) private view returns (Clock memory clock) {
        clock = _clockIn(word);
        if (clock.cooldownEnd > block.timestamp) revert PetCoolingDown(petId, clock.cooldownEnd);
    }

    /// @dev Starts the cooldown of `petId` at its current ladder step, moves it one step
    /// down the ladder and stores the clock; returns when the cooldown ends.
    function _startCooldown(uint256 petId, uint256 word, Clock memory clock) private returns (uint256 endsAt) {
        endsAt = block.timestamp + Cooldowns.duration(Cooldowns.index(clock.generation, clock.breedings));
        clock.cooldownEnd = endsAt;
        if (clock.breedings < Cooldowns.MAX_INDEX) clock.breedings += 1;
        _setExtraData(petId, word, _packClock(clock));
    }

    /// @dev Checks that `breeder` may breed `matronId` with `sireId`: it owns the matron or
    /// is its owner's operator, and the sire has the same owner, was approved for the
    /// matron's owner (the approval is used up), or is held in escrow by the calling market.
    function _authorizeBreeding(
        address breeder,
        uint256 matronId,
        uint256 matronWord,
        uint256 sireId,
        uint256 sireWord,
        bool sireEscrowed
    ) private {
        address matronOwner = _ownerIn(matronId, matronWord);
        if (!_isOwnerOrOperator(matronOwner, breeder)) revert PetNotMatronOwner(breeder, matronId);
        address sireOwner = _ownerIn(sireId, sireWord);
        if (sireEscrowed) {
            if (sireOwner != _msgSender()) revert PetSireNotEscrowed(sireId, sireOwner);
        } else if (sireOwner != matronOwner) {
            if (siringApprovedFor(sireId) != matronOwner) revert PetSiringNotApproved(matronOwner, sireId);
            delete _siringApprovals[sireId]; // one approval, one breeding
        }
    }

    /// @dev Reverts with the reason two pets may not breed, if there is one.
    function _requireUnrelated(uint256 matronId, uint256 matronGeneration, uint256 sireId, uint256 sireGeneration)
        private
        view
    {
        // A generation-0 pet has no parents, so its lineage word cannot matter: skip reading
        // it (2,100 gas each).
        // An all-zero lineage is exactly a generation-0 pet's: no parents.
        // slither-disable-next-line uninitialized-local -- zero is the meaning here
        Lineage memory matron;
        // slither-disable-next-line uninitialized-local -- zero is the meaning here
        Lineage memory sire;
        if (matronGeneration != 0) matron = _lineage[matronId];
        if (sireGeneration != 0) sire = _lineage[sireId];
        bytes4 reason = _compatibility(matronId, matron, sireId, sire);
        if (reason == PetSelfBreeding.selector) revert PetSelfBreeding(matronId);
        if (reason == PetBreedingWithParent.selector) revert PetBreedingWithParent(matronId, sireId);
        if (reason == PetBreedingWithSibling.selector) revert PetBreedingWithSibling(matronId, sireId);
    }

    /// @dev The selector of the error that forbids this pair, or zero if they may breed.
    function _compatibility(uint256 matronId, Lineage memory matron, uint256 sireId, Lineage memory sire)
        private
        pure
        returns (bytes4)
    {
        if (matronId == sireId) return PetSelfBreeding.selector;
        // Slither taints whole words read from storage that also hold times; these compare ids.
        // slither-disable-next-line incorrect-equality -- pet ids, not balances or times
        if (matron.matronId == sireId || matron.sireId == sireId || sire.matronId == matronId || sire.sireId == matronId) {
            return PetBreedingWithParent.selector;
        }
        // Generation-0 pets have no parents (ids 0), and a bred pet always has both.
        if (matron.matronId != 0 && sire.matronId != 0) {
            // slither-disable-next-line incorrect-equality -- pet ids, not balances or times
            bool shareMatron = matron.matronId == sire.matronId || matron.matronId == sire.sireId;
            // slither-disable-next-line incorrect-equality -- pet ids, not balances or times
            bool shareSire = matron.sireId == sire.matronId || matron.sireId == sire.sireId;
            if (shareMatron || shareSire) return PetBreedingWithSibling.selector;
        }
        return bytes4(0);
    }

    /// @dev The royalty on a sale at `salePrice`: the same for every pet (one SLOAD).
    function _royaltyFor(uint256 salePrice) private view returns (address receiver, uint256 amount) {
        receiver = _treasury;
        amount = salePrice * _royaltyBps / 10_000; // checked: an overflow reverts instead of underpaying
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert PetZeroAddress();
        emit TreasuryChanged(_treasury, newTreasury);
        _treasury = newTreasury;
    }

    function _setRoyalty(uint96 royaltyBps) private {
        if (royaltyBps > MAX_ROYALTY_BPS) revert PetRoyaltyTooHigh(royaltyBps, MAX_ROYALTY_BPS);
        _royaltyBps = royaltyBps;
        emit RoyaltyChanged(royaltyBps);
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
