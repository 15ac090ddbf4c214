// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {ERC2771Context} from "@openzeppelin/contracts/metatx/ERC2771Context.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import {IPetEscrowHooks} from "../interfaces/IPetEscrowHooks.sol";
import {IPetToken} from "../interfaces/IPetToken.sol";
import {PetERC721} from "./PetERC721.sol";

/// @title PetCore
/// @notice What every part of PetToken shares: the pet's storage words, the game's
/// counters and settings, the pause switch, and the creation of a pet. The parts
/// (PetGen0, PetBreeding, PetBirths, PetMarketHooks, PetAdmin) add the game's operations.
/// @dev Every state variable of PetToken is declared here, in this order, after those of
/// PetERC721 and AccessControlDefaultAdminRules: the parts add none, so the storage slots
/// do not depend on how the parts are arranged.
///
/// Storage of a pet, three words, arranged so that each operation writes as few of them
/// as it can, and so that minting and birth create only two new words:
///   ownership (PetERC721): [0..159] owner [160..191] pet nonce
///                          [192..223] cooldownEnd [224..231] breedings [232..247] generation
///                          [248] pregnant
///   _lineage:              [0..159] genes [160..191] matronId [192..223] sireId [224..255] birthTime
///   _pregnancy:            [0..31] siringWithId [32..63] commitBlock [64..127] birthFee [128..159] litters
///                          [160..255] birthSeed (0 until sealed)
/// The pregnant bit repeats, in the word every breeding and auction reads anyway, what the
/// pregnancy word's siringWithId says (set by a breeding, cleared by the birth), so checking
/// that a pet is not pregnant costs no read of a second word (2,100 gas).
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
abstract contract PetCore is
    IPetToken,
    IPetEscrowHooks,
    IERC2981,
    PetERC721,
    AccessControlDefaultAdminRules,
    ERC2771Context
{
    /* ------------------------------------------------------------ */
    /*                          CONSTANTS                           */
    /* ------------------------------------------------------------ */

    /// @notice The role that creates generation-0 pets.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @dev The pregnant bit of a clock (bit 56 of the data, 248 of the ownership word).
    uint256 internal constant _PREGNANT = 1 << 56;

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
    /// 0..63 here): cooldownEnd [0..31], breedings [32..39], generation [40..55], pregnant [56].
    struct Clock {
        uint256 cooldownEnd; // unix seconds: ready from then on; for a pregnant matron, due date
        uint256 breedings; // times bred, saturating at Cooldowns.MAX_INDEX
        uint256 generation;
        bool pregnant; // the pregnancy word's siringWithId is set
    }

    GameState internal _state;
    mapping(uint256 petId => Lineage) internal _lineage;
    mapping(uint256 petId => Pregnancy) internal _pregnancy;
    /// @dev [0..159] the account allowed to use the sire, [160..191] the sire's pet nonce at
    /// approval: a transfer, breeding or birth of the sire voids the approval without a write.
    mapping(uint256 sireId => uint256 approvalWord) internal _siringApprovals;

    /// @dev Royalty receiver and rate share one word: a sale reads both with one SLOAD.
    /// (OpenZeppelin's ERC2981 looks up a per-token royalty first, a second cold read on
    /// every sale, for a feature this collection does not have.)
    address internal _treasury;
    uint96 internal _royaltyBps;
    string internal _baseTokenURI;

    /* ------------------------------------------------------------ */
    /*                          MODIFIERS                           */
    /* ------------------------------------------------------------ */

    /// @dev Reverts {PetGamePaused} while the admin has paused the game.
    modifier whenNotPaused() {
        if (_state.paused) revert PetGamePaused();
        _;
    }

    /* ------------------------------------------------------------ */
    /*                       ERC-165 INTERFACES                     */
    /* ------------------------------------------------------------ */

    /// @notice ERC-165: ERC-721, its metadata extension, ERC-4906, ERC-2981, AccessControl
    /// and AccessControlDefaultAdminRules.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(IERC165, PetERC721, AccessControlDefaultAdminRules) returns (bool) {
        return
            interfaceId == type(IERC721Metadata).interfaceId ||
            interfaceId == bytes4(0x49064906) || // ERC-4906
            PetERC721.supportsInterface(interfaceId) ||
            interfaceId == type(IERC2981).interfaceId ||
            AccessControlDefaultAdminRules.supportsInterface(interfaceId);
    }

    /* ------------------------------------------------------------ */
    /*                     INTERNAL FUNCTIONS                       */
    /* ------------------------------------------------------------ */

    /// @dev Mints pet number `minted + 1` with its lineage. Emits {Transfer} and {Birth}.
    function _createPet(
        address owner,
        uint256 genes,
        uint256 matronId,
        uint256 sireId,
        uint256 generation
    ) internal returns (uint256 petId) {
        petId = _state.minted + 1; // checked: 2^32 pets would overflow the uint32 below
        _state.minted = uint32(petId);
        _lineage[petId] = Lineage({
            genes: uint160(genes),
            matronId: uint32(matronId),
            sireId: uint32(sireId),
            birthTime: uint32(block.timestamp)
        });
        // A newborn is ready at once, has never bred and is not pregnant: its clock holds only
        // the generation (as _packClock places it).
        _mint(owner, petId, generation << 40);
        emit Birth(petId, matronId, sireId, genes, generation);
    }

    /// @dev The owner in `word`, the ownership word of `petId`; reverts if there is none.
    function _ownerIn(uint256 petId, uint256 word) internal pure returns (address owner) {
        owner = address(uint160(word));
        if (owner == address(0)) revert ERC721NonexistentToken(petId);
    }

    /// @dev The breeding clock kept in an ownership word.
    function _clockIn(uint256 word) internal pure returns (Clock memory) {
        uint256 data = _extraDataOf(word);
        return
            Clock({
                cooldownEnd: uint32(data),
                breedings: uint8(data >> 32),
                generation: uint16(data >> 40),
                pregnant: data & _PREGNANT != 0
            });
    }

    /// @dev The 64 bits a clock occupies in an ownership word. Callers keep every field in
    /// range: times below 2^32, breedings at most 13, generations below 2^16.
    function _packClock(Clock memory clock) internal pure returns (uint256) {
        uint256 packed = clock.cooldownEnd | (clock.breedings << 32) | (clock.generation << 40);
        return clock.pregnant ? packed | _PREGNANT : packed;
    }

    /// @dev The royalty on a sale at `salePrice`: the same for every pet (one SLOAD).
    function _royaltyFor(uint256 salePrice) internal view returns (address receiver, uint256 amount) {
        receiver = _treasury;
        amount = (salePrice * _royaltyBps) / 10_000; // checked: an overflow reverts instead of underpaying
    }

    /* ------------------------------------------------------------ */
    /*                   ERC-2771 (GASLESS PLAY)                    */
    /* ------------------------------------------------------------ */

    /// @dev The player behind a forwarded call, else the caller.
    function _msgSender() internal view override(Context, ERC2771Context) returns (address) {
        return ERC2771Context._msgSender();
    }

    /// @dev The call data without the forwarder's suffix.
    function _msgData() internal view override(Context, ERC2771Context) returns (bytes calldata) {
        return ERC2771Context._msgData();
    }

    /// @dev The length of the forwarder's suffix (the player's address): 20 bytes.
    function _contextSuffixLength() internal view override(Context, ERC2771Context) returns (uint256) {
        return ERC2771Context._contextSuffixLength();
    }
}
