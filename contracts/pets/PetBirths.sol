// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPetToken} from "../interfaces/IPetToken.sol";
import {Genome} from "../libraries/Genome.sol";
import {PetCore} from "./PetCore.sol";

/// @title PetBirths
/// @notice Births and their randomness: sealing a pregnancy's birth seed from the hash of
/// its seed block, and bringing the child to term once the matron is due.
/// @dev Randomness threat model. A breeding commits to the hash of the block after the one
/// that holds it (`commitBlock`). Once that block is mined, anyone may *seal* the pregnancy's
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
abstract contract PetBirths is PetCore {
    /* ------------------------------------------------------------ */
    /*                     BIRTHS AND BIRTH SEEDS                   */
    /* ------------------------------------------------------------ */

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
            uint256 generation =
                (matronClock.generation > sireGeneration ? matronClock.generation : sireGeneration) + 1;
            // Unreachable in practice (65,535 generations of at least a week each), but a wrapped
            // generation would reset the cooldown ladder, so it is refused rather than stored.
            if (generation > type(uint16).max) revert PetGenerationLimitReached(generation);
            childId = _createPet(address(uint160(matronWord)), genes, matronId, sireId, generation);
            pregnancy.litters += 1;
        } else {
            emit PregnancyLost(matronId, sireId, pregnancy.commitBlock);
        }
        // The pregnancy ended: its bit clears, and the nonce moves, so orders on the matron die.
        _setExtraData(matronId, matronWord, _extraDataOf(matronWord) & ~_PREGNANT);

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
            (bool paid, ) = midwife.call{value: fee}("");
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
}
